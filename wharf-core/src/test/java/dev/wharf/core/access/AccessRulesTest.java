package dev.wharf.core.access;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.List;

import static dev.wharf.core.access.Permission.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessRulesTest {

    private static AccessRule user(String spelled) {
        return AccessRule.parse(spelled, null);
    }

    private static AccessRule group(String name, String spelled) {
        return AccessRule.parse(spelled, name);
    }

    @Test
    void noRulesAllowEverything() {
        for (Permission p : Permission.values()) {
            assertTrue(AccessRules.NONE.allows("/any/where", p));
        }
        assertNull(AccessRules.NONE.decide("/x").rule());
    }

    @Test
    void theMostSpecificPathWins() {
        AccessRules rules = AccessRules.of(List.of(user("read-only /"), user("full /work"),
                user("upload-only /work/inbox")));
        assertFalse(rules.allows("/a.txt", WRITE));
        assertTrue(rules.allows("/work/a.txt", DELETE));
        assertTrue(rules.allows("/work/inbox/a.txt", WRITE));
        assertFalse(rules.allows("/work/inbox/a.txt", READ));
        assertEquals("upload-only /work/inbox", rules.decide("/work/inbox").rule().spelled());
        // a sibling whose name starts the same is not below the folder
        assertTrue(rules.allows("/work/inboxes/a.txt", READ));
        assertFalse(rules.allows("/workshop/a.txt", WRITE));
    }

    @Test
    void theUsersOwnRuleWinsOverAGroupsAtTheSamePath() {
        AccessRules rules = AccessRules.of(List.of(group("team", "full /reports"), user("read-only /reports")));
        assertFalse(rules.allows("/reports/q1.pdf", DELETE));
        assertEquals(null, rules.decide("/reports/q1.pdf").rule().group());
    }

    @Test
    void aMoreSpecificGroupRuleWinsOverTheUsersBroaderRule() {
        AccessRules rules = AccessRules.of(List.of(user("full /"), group("partners", "upload-only /inbox")));
        assertFalse(rules.allows("/inbox/x", READ));
        assertEquals("partners", rules.decide("/inbox/x").rule().group());
        assertTrue(rules.allows("/other/x", READ));
    }

    @Test
    void rulesOfSeveralGroupsAtTheSamePathAddUp() {
        AccessRules rules = AccessRules.of(List.of(group("readers", "read-only /s"), group("writers", "write /s")));
        assertTrue(rules.allows("/s/a", READ));
        assertTrue(rules.allows("/s/a", WRITE));
        assertFalse(rules.allows("/s/a", DELETE));
    }

    @Test
    void presetsMeanWhatTheirNamesSay() {
        assertEquals(EnumSet.allOf(Permission.class), Permission.parseSet("full"));
        assertEquals(EnumSet.of(LIST, READ), Permission.parseSet("read-only"));
        assertEquals(EnumSet.of(WRITE), Permission.parseSet("upload-only"));
        assertEquals(EnumSet.of(LIST, READ, WRITE, RENAME, MKDIR), Permission.parseSet("no-delete"));
        assertEquals(EnumSet.noneOf(Permission.class), Permission.parseSet("none"));
        assertEquals(EnumSet.of(LIST, MKDIR), Permission.parseSet("list, mkdir"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "upload-only /inbox|upload-only /inbox",
            "list,read /reports/|read-only /reports",
            "read,list /a/../b|read-only /b",
            "write,delete /x y|write,delete /x y"})
    void aRuleIsSpelledInItsShortestForm(String given, String spelled) {
        assertEquals(spelled, AccessRule.parse(given, null).spelled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "upload-only", "/inbox", "upload-only inbox", "fly /x", "read,fly /x"})
    void malformedRulesAreRefused(String given) {
        WharfException e = assertThrows(WharfException.class, () -> AccessRule.parse(given, null));
        assertEquals(Reason.BAD_REQUEST, e.reason());
    }

    @Test
    void aRuleCannotReachAboveTheHome() {
        AccessRule r = AccessRule.parse("full /../../etc", null);
        assertEquals("/etc", r.path());
    }

    @Test
    void aRefusalNamesTheOperationPathAndRule() {
        AccessRules rules = AccessRules.of(List.of(group("partners", "upload-only /inbox")));
        AccessRules.AccessDenied e = assertThrows(AccessRules.AccessDenied.class,
                () -> rules.require("/inbox/a.txt", DELETE));
        assertEquals(Reason.PERMISSION_DENIED, e.reason());
        assertEquals("group:partners:upload-only /inbox", e.rule().describe());
        assertTrue(e.detail().contains("delete not allowed at /inbox/a.txt"), e.detail());
    }

    @Test
    void anUploadNeedsWriteForANewFileAndOverwriteForAnExistingOne() {
        AccessRules.Decision uploadOnly = AccessRules.of(List.of(user("upload-only /in"))).decide("/in/a");
        assertEquals(WRITE, uploadOnly.uploadNeeds(false, () -> false));
        assertEquals(OVERWRITE, uploadOnly.uploadNeeds(false, () -> true));
        assertEquals(OVERWRITE, uploadOnly.uploadNeeds(true, () -> {
            throw new AssertionError("a resume needs no look-up");
        }));
        AccessRules.Decision full = AccessRules.NONE.decide("/a");
        assertEquals(WRITE, full.uploadNeeds(false, () -> {
            throw new AssertionError("both allowed: no look-up");
        }));
    }
}
