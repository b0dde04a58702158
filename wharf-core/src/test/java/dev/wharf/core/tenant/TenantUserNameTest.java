package dev.wharf.core.tenant;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tenant prefix of user names in the tenant realm. */
class TenantUserNameTest {

    @Test
    void theFirstDotSeparatesTenantAndUser() {
        assertEquals(Optional.of(new TenantUserName("northwind", "alice.smith")),
                TenantUserName.parse("northwind.alice.smith"));
        assertEquals("northwind.alice.smith", new TenantUserName("northwind", "alice.smith").qualified());
        assertEquals(Optional.of(new TenantUserName("acme", "bob")), TenantUserName.parse("ACME.bob"));
    }

    @Test
    void namesWithoutATenantPrefixHaveNone() {
        assertEquals(Optional.empty(), TenantUserName.parse("admin"));
        assertEquals(Optional.empty(), TenantUserName.parse(".alice"));
        assertEquals(Optional.empty(), TenantUserName.parse("northwind."));
        assertEquals(Optional.empty(), TenantUserName.parse("-bad.alice"));
        assertEquals(Optional.empty(), TenantUserName.parse(null));
    }

    @Test
    void belongsToComparesTheWholeTenant() {
        assertTrue(TenantUserName.belongsTo("northwind.alice", "northwind"));
        assertFalse(TenantUserName.belongsTo("northwinds.alice", "northwind"));
        assertFalse(TenantUserName.belongsTo("acme.northwind.alice", "northwind"));
        assertFalse(TenantUserName.belongsTo("alice", "northwind"));
    }

    @Test
    void aTenantIdNeverHoldsADot() {
        assertThrows(IllegalArgumentException.class, () -> new TenantUserName("a.b", "c"));
        assertThrows(IllegalArgumentException.class, () -> new TenantUserName("a", ""));
    }
}
