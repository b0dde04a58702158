package dev.wharf.keycloak.audit;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminChangesTest {
    @Test
    void adminEventsBecomeObjectDotVerb() {
        assertEquals("user.created", AdminChanges.adminAction("USER", "CREATE", "users/u1"));
        assertEquals("user.updated", AdminChanges.adminAction("USER", "UPDATE", "users/u1"));
        assertEquals("user.deleted", AdminChanges.adminAction("USER", "DELETE", "users/u1"));
        assertEquals("credential.reset", AdminChanges.adminAction("USER", "ACTION", "users/u1/reset-password"));
        assertEquals("credential.deleted", AdminChanges.adminAction("USER", "DELETE", "users/u1/credentials/c1"));
        assertEquals("group_membership.created",
                AdminChanges.adminAction("GROUP_MEMBERSHIP", "CREATE", "users/u1/groups/g1"));
        assertEquals("realm_role_mapping.deleted",
                AdminChanges.adminAction("REALM_ROLE_MAPPING", "DELETE", "users/u1/role-mappings/realm"));
        assertEquals("group.created", AdminChanges.adminAction("GROUP", "CREATE", "groups/g1"));
        assertEquals("realm.updated", AdminChanges.adminAction("REALM", "UPDATE", ""));
    }

    @Test
    void everyActionFitsTheSchemaPattern() {
        for (String action : new String[]{AdminChanges.adminAction(null, null, null),
                AdminChanges.adminAction("1X-Y", "ACTION", "users"), AdminChanges.adminAction("USER", "ACTION", "")}) {
            assertTrue(action.matches("^[a-z][a-z_]*\\.[a-z][a-z_]*$"), action);
        }
        AdminChanges.USER_EVENT_ACTIONS.values()
                .forEach(a -> assertTrue(a.matches("^[a-z][a-z_]*\\.[a-z][a-z_]*$"), a));
    }

    @Test
    void theUserOfAPathIsItsSecondSegment() {
        assertEquals(Optional.of("u1"), AdminChanges.userId("users/u1/reset-password"));
        assertEquals(Optional.empty(), AdminChanges.userId("groups/g1"));
        assertEquals(Optional.empty(), AdminChanges.userId(null));
        assertEquals(Optional.of("g1"), AdminChanges.groupId("groups/g1/children"));
        assertEquals(Optional.empty(), AdminChanges.groupId("users/u1"));
    }

    @Test
    void onlyCredentialAndProfileChangesOfUsersAreAudited() {
        assertEquals(Optional.of("password.updated"), AdminChanges.userAction("UPDATE_PASSWORD"));
        assertEquals(Optional.of("credential.removed"), AdminChanges.userAction("REMOVE_CREDENTIAL"));
        assertFalse(AdminChanges.userAction("LOGIN").isPresent());
        assertFalse(AdminChanges.userAction("CODE_TO_TOKEN").isPresent());
    }

    @Test
    void settingsDefaultAndAnEmptyBootstrapTurnsItOff() {
        AuditListenerSettings none = AuditListenerSettings.from(k -> null);
        assertFalse(none.enabled());
        assertEquals("wharf.audit", none.topic());
        assertEquals(Set.of("admin-cli"), none.skipClients());
        assertEquals("wharf", none.tenantRealm());
        AuditListenerSettings set = AuditListenerSettings.from(Map.of("bootstrap-servers", " k:9092 ", "topic", "t",
                "skip-clients", "a, b,")::get);
        assertTrue(set.enabled());
        assertEquals("k:9092", set.bootstrapServers());
        assertEquals(Set.of("a", "b"), set.skipClients());
    }
}
