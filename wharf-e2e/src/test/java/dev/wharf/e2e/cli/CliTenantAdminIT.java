package dev.wharf.e2e.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant administrator's session (realm = the tenant): their own tenant only, nothing of another. */
class CliTenantAdminIT {
    private final WharfCommand operator = WharfCommand.operator();

    @Test
    void aTenantAdministratorManagesOnlyTheirOwnTenant() {
        String mine = CliOperatorIT.newTenantId();
        String other = CliOperatorIT.newTenantId();
        operator.run("tenant", "create", mine).ok();
        operator.run("tenant", "create", other).ok();
        try {
            String password = "Boss-" + java.util.UUID.randomUUID();
            operator.runWithInput(password + "\n", "user", "create", "boss", "--tenant", mine, "--new-password", "-")
                    .ok();
            operator.run("admin", "grant", "boss", "--tenant", mine).ok();
            assertTrue(operator.run("admin", "list", "--tenant", mine, "--json").json().toString()
                    .contains("\"boss\""));

            WharfCommand boss = WharfCommand.as(mine, "boss", password);
            // no --tenant: a tenant administrator works in their own tenant
            assertTrue(boss.run("user", "list", "--json").json().findValuesAsText("username").contains("boss"));
            JsonNode carol = boss.run("user", "create", "carol", "--json").json();
            assertFalse(carol.path("password").asText().isEmpty());
            boss.run("group", "create", "staff").ok();
            boss.run("group", "add-member", "staff", "carol").ok();
            boss.run("site", "set", "--otp-grace", "60").ok();
            assertEquals(mine, boss.run("tenant", "show", "--json").json().path("id").asText());
            boss.run("apikey", "create", "carol", "--name", "carol-" + mine).ok();

            // nothing of another tenant, and nothing of the platform
            boss.run("user", "list", "--tenant", other).fails(1, "permission_denied");
            boss.run("user", "create", "mole", "--tenant", other).fails(1, "permission_denied");
            boss.run("site", "show", "--tenant", other).fails(1, "permission_denied");
            boss.run("tenant", "show", other).fails(1, "permission_denied");
            boss.run("tenant", "create", CliOperatorIT.newTenantId()).fails(1, "permission_denied");
            boss.run("tenant", "delete", other, "--yes").fails(1, "permission_denied");
            boss.run("ban", "list").fails(1, "permission_denied");
            assertTrue(operator.run("user", "list", "--tenant", other, "--json").json().isEmpty(),
                    "the other tenant is untouched");

            // the audit trail: their own tenant's events, never another's (identity-service filters, not the CLI)
            java.util.List<JsonNode> events = jsonLines(boss.run("audit", "tail", "--type", "admin.changed",
                    "--since", "10m", "--json").ok());
            assertTrue(events.stream().allMatch(e -> mine.equals(e.path("data").path("tenant").asText())),
                    events.toString());
            assertTrue(events.stream().anyMatch(e -> "user.created".equals(e.path("data").path("action").asText())
                    && "carol".equals(e.path("data").path("target").asText())), events.toString());
            String line = boss.run("audit", "tail", "--event-user", "boss@" + mine, "--since", "10m").ok();
            assertTrue(line.contains(" " + mine + " boss@" + mine + "→carol "), line);
            boss.run("audit", "tail", "--tenant", other).fails(1, "permission_denied");
            java.util.Set<String> tenants = new java.util.HashSet<>();
            jsonLines(operator.run("audit", "tail", "--type", "admin.changed", "--since", "10m", "--json").ok())
                    .forEach(e -> tenants.add(e.path("data").path("tenant").asText()));
            assertTrue(tenants.contains(mine) && tenants.contains(other), "an operator sees every tenant: " + tenants);

            WharfCommand.as(mine, "boss", "not-the-password").run("user", "list")
                    .fails(3, "sign-in failed for administrator boss of tenant " + mine);
            operator.run("admin", "revoke", "boss", "--tenant", mine).ok();
            boss.run("user", "list").fails(1, "permission_denied");
        } finally {
            operator.run("tenant", "delete", mine, "--yes");
            operator.run("tenant", "delete", other, "--yes");
        }
    }

    private static java.util.List<JsonNode> jsonLines(String out) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        return out.lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return json.readTree(l);
            } catch (java.io.IOException e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).toList();
    }
}
