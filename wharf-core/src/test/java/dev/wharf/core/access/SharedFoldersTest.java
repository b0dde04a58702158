package dev.wharf.core.access;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.wharf.core.access.Permission.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared folder mounts: where their paths are stored, whose permissions count there, and that nothing escapes. */
class SharedFoldersTest {
    private static final AccessRule FINANCE = AccessRule.parseMount("finance full /shared/finance", "accounting");

    private static AccessRules rules(AccessRule... r) {
        return AccessRules.of(List.of(r));
    }

    @Test
    void pathsBelowAMountAreStoredInTheSharedFolder() {
        AccessRules rules = rules(FINANCE);
        assertEquals("/_shared/finance", rules.real("/alice", "/shared/finance"));
        assertEquals("/_shared/finance/q1/a.csv", rules.real("/alice", "/shared/finance/q1/a.csv"));
        assertEquals("/alice/shared/other", rules.real("/alice", "/shared/other"));
        assertEquals("/alice/shared/financed", rules.real("/alice", "/shared/financed"), "a sibling is not inside");
        assertEquals("/alice", rules.real("/alice", "/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/shared/finance/../../../_shared/hr/x", "/shared/finance/../../..", "../_shared/hr",
            "/shared/finance/%2e%2e/%2e%2e/x", "/shared/finance/..%2F..%2Fhr"})
    void nothingReachesAnotherSharedFolderOrLeavesTheHome(String input) {
        AccessRules rules = rules(FINANCE);
        String real = rules.real("/alice", VirtualPaths.resolve("/shared/finance", input));
        assertTrue(real.startsWith("/alice/") || real.equals("/alice") || real.startsWith("/_shared/finance/"), real);
    }

    @Test
    void encodedSeparatorsAndBackslashesAreNames() {
        assertThrows(WharfException.class, () -> VirtualPaths.resolve("/", "/shared/finance\\..\\hr"));
        assertEquals("/_shared/finance/..%2Fhr", rules(FINANCE).real("/alice", "/shared/finance/..%2Fhr"));
    }

    @Test
    void theMountsOwnPermissionsCountBelowIt() {
        AccessRules rules = rules(AccessRule.parse("upload-only /", null),
                AccessRule.parseMount("finance read-only /shared/finance", "accounting"));
        assertTrue(rules.allows("/shared/finance/a.csv", READ));
        assertFalse(rules.allows("/shared/finance/a.csv", WRITE));
        assertFalse(rules.allows("/a.csv", READ));
        assertEquals("group:accounting:shared:finance read-only /shared/finance",
                rules.decide("/shared/finance/a").rule().describe());
    }

    @Test
    void theUsersOwnRuleAtTheMountWinsOverTheGroupsMount() {
        AccessRules rules = rules(FINANCE, AccessRule.parse("read-only /shared/finance", null));
        assertFalse(rules.allows("/shared/finance/a.csv", DELETE));
        assertTrue(rules.allows("/shared/finance/a.csv", READ));
        assertEquals("/_shared/finance/a.csv", rules.real("/bob", "/shared/finance/a.csv"));
    }

    @Test
    void storageSeesEveryClientViewOfAPath() {
        AccessRules rules = rules(FINANCE, AccessRule.parseMount("finance read-only /fin", null));
        assertEquals(List.of("/shared/finance/a", "/fin/a"), rules.clientViews("/alice", "/_shared/finance/a"));
        assertEquals(List.of("/x"), rules.clientViews("/alice", "/alice/x"));
        assertEquals(List.of(), rules.clientViews("/alice", "/_shared/hr/x"));
        assertTrue(rules.mounts("/_shared/finance"));
        assertFalse(rules.mounts("/_shared/hr/x"));
        assertFalse(rules.mounts("/_shared/financed"));
    }

    @Test
    void listingsShowMountsAndTheirParentsCannotBeRemoved() {
        AccessRules rules = rules(FINANCE, AccessRule.parseMount("hr read-only /shared/hr", null));
        assertEquals(List.of("shared"), List.copyOf(rules.mountEntries("/")));
        assertEquals(List.of("finance", "hr"), List.copyOf(rules.mountEntries("/shared")));
        assertTrue(rules.mountEntries("/shared/finance").isEmpty());
        assertTrue(rules.holdsMount("/shared"));
        assertTrue(rules.holdsMount("/shared/hr"));
        assertFalse(rules.holdsMount("/shared/hr/a"));
        assertFalse(rules.holdsMount("/sharedx"));
    }

    @Test
    void theUsersOwnMountWinsAtOnePath() {
        AccessRules rules = rules(FINANCE, AccessRule.parseMount("finance-archive read-only /shared/finance", null));
        assertEquals("/_shared/finance-archive/a", rules.real("/alice", "/shared/finance/a"));
        assertNull(rules(AccessRule.parse("full /x", null)).mountAt("/x/a"), "a plain rule is no mount");
    }

    @Test
    void mountsTravelInTheWireForm() {
        AccessRules rules = rules(FINANCE, AccessRule.parse("upload-only /in", null));
        List<Map<String, String>> wire = rules.toWire();
        assertEquals(Map.of("rule", "full /shared/finance", "group", "accounting", "folder", "finance"),
                wire.getFirst());
        assertEquals(rules.rules(), AccessRules.fromWire(wire).rules());
    }

    @ParameterizedTest
    @ValueSource(strings = {"finance full /", "Finance full /x", "../hr full /x", "fin/ance full /x", "finance /x",
            "finance"})
    void badMountsAreRefused(String spelled) {
        WharfException e = assertThrows(WharfException.class, () -> AccessRule.parseMount(spelled, null));
        assertEquals(Reason.BAD_REQUEST, e.reason());
    }
}
