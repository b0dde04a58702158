package dev.wharf.e2e.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A platform operator with the CLI on the machine that runs {@code ./wharf up}: tenants, site settings, bans, exit codes. */
class CliOperatorIT {
    private final WharfCommand wharf = WharfCommand.operator();

    static String newTenantId() {
        return "cli-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void tenantLifecycle() {
        String t = newTenantId();
        assertTrue(wharf.run("tenant", "create", t).ok().contains("created tenant " + t));
        JsonNode list = wharf.run("tenant", "list", "--json").json();
        assertTrue(list.findValuesAsText("id").contains(t), list.toString());
        assertTrue(wharf.run("tenant", "list").ok().lines().anyMatch(l -> l.startsWith(t + " ")), "table row");

        JsonNode shown = wharf.run("tenant", "show", t, "--json").json();
        assertEquals(t, shown.path("id").asText());
        assertTrue(shown.path("enabled").asBoolean(), shown.toString());
        // Keycloak's account console of the realm the tenant's users live in (the shared one with organizations)
        String realm = dev.wharf.e2e.E2ePlatform.realmOf(t);
        assertTrue(shown.path("portalUrl").asText().endsWith("/realms/" + realm + "/account"), shown.toString());

        assertEquals(false, wharf.run("tenant", "update", t, "--enabled", "false", "--json").json()
                .path("enabled").asBoolean(true));
        assertTrue(wharf.run("tenant", "show", t).ok().contains("enabled:"));
        wharf.run("tenant", "update", t, "--enabled", "true").ok();

        wharf.run("tenant", "delete", t).fails(2, "add --yes to confirm");
        wharf.run("tenant", "delete", t, "--yes").ok();
        wharf.run("tenant", "show", t).fails(1, "unknown_tenant");
    }

    @Test
    void exitCodesScriptsRelyOn() {
        wharf.run("tenant").fails(2, "needs a verb");
        wharf.run("user", "create").fails(2, "takes the arguments <user>");
        wharf.run("user", "list", "--tenant", "demo", "--frob").fails(2, "unknown option --frob");
        wharf.run("user", "list").fails(2, "which tenant?");
        wharf.run("user", "list", "--tenant", "no-such-" + UUID.randomUUID().toString().substring(0, 6))
                .fails(1, "unknown_tenant");
        wharf.run("user", "show", "nobody-here", "--tenant", "demo").fails(1, "not_found");
        wharf.run("user", "create", "x" + UUID.randomUUID().toString().substring(0, 6), "--tenant", "demo",
                "--cidrs", "10.0.0.0/33").fails(1, "bad_request");
        wharf.with("WHARF_PASSWORD", "wrong-password").run("tenant", "list")
                .fails(3, "sign-in failed for user admin in realm master");
        wharf.with("WHARF_PORT_IDENTITY", "1").run("tenant", "list").fails(3, "cannot reach identity-service");
        assertTrue(wharf.run("--help").ok().contains("Exit codes"));
        assertTrue(wharf.run("help").ok().contains("Admin verbs"), "the script's own help lists the verbs");
    }

    @Test
    void siteSettings() {
        String t = newTenantId();
        wharf.run("tenant", "create", t).ok();
        try {
            JsonNode set = wharf.run("site", "set", "--tenant", t, "--otp-grace", "5m", "--allowed-cidrs",
                    "203.0.113.0/24,2001:db8::/32", "--denied-countries", "kp", "--plain-ftp", "true",
                    "--protocols-per-group", "false", "--hostnames", "files.example.com", "--json").json();
            assertEquals(300, set.path("otpGraceSeconds").asInt());
            JsonNode shown = wharf.run("site", "show", "-t", t, "--json").json();
            assertEquals(300, shown.path("otpGraceSeconds").asInt());
            assertEquals("[\"203.0.113.0/24\",\"2001:db8::/32\"]", shown.path("allowedCidrs").toString());
            assertEquals("[\"KP\"]", shown.path("deniedCountries").toString());
            assertTrue(shown.path("plainFtpAllowed").asBoolean());
            assertEquals("[\"files.example.com\"]", shown.path("hostnames").toString());
            wharf.run("site", "set", "-t", t, "--allowed-countries", "XX1").fails(1, "bad_request");
            wharf.run("site", "set", "-t", t, "--allowed-cidrs", "").ok();
            assertEquals(0, wharf.run("site", "show", "-t", t, "--json").json().path("allowedCidrs").size(),
                    "an empty list clears the setting");
            assertTrue(wharf.run("site", "show", "-t", t).ok().contains("2FA grace seconds:"));
        } finally {
            wharf.run("tenant", "delete", t, "--yes");
        }
    }

    @Test
    void bans() {
        JsonNode bans = wharf.run("ban", "list", "--json").json();
        assertTrue(bans.isArray(), bans.toString());
        wharf.run("ban", "lift", "198.51.100.77").fails(1, "not_found");
        wharf.run("ban", "list", "--tenant", "demo").fails(2, "takes no --tenant");
    }
}
