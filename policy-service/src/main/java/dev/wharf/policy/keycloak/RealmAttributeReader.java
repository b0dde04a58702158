package dev.wharf.policy.keycloak;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.tenancy.KeycloakAdminClient;
import jakarta.ws.rs.WebApplicationException;
import org.keycloak.representations.idm.GroupRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a realm's attributes and its groups' through the shared {@link KeycloakAdminClient} (one admin token, bounded
 * calls). Keycloak being down or refusing the admin sign-in is {@link Reason#SERVICE_UNAVAILABLE}: a configuration
 * or outage problem, never the client's fault, and never read as "no rules".
 */
public class RealmAttributeReader implements AutoCloseable {
    /** Groups read per tenant at most: protocol groups are few; a bound keeps one answer's size in check. */
    private static final int MAX_GROUPS = 1000;

    private final KeycloakAdminClient keycloak;

    public RealmAttributeReader(KeycloakConfig config) {
        this.keycloak = new KeycloakAdminClient(new KeycloakAdminClient.Settings("policy-service", config.url(),
                config.adminRealm(), config.tokenClientId(), config.adminUser(), config.adminPassword(),
                config.timeout()));
    }

    /** The realm's attributes, or empty when there is no such realm. */
    public Optional<Map<String, String>> attributes(String realm) {
        String what = "read realm " + realm;
        return unavailableOnRefusal(what, k -> k.find(what, kc -> kc.realm(realm).toRepresentation()))
                .map(r -> r.getAttributes() == null ? Map.of() : Map.copyOf(r.getAttributes()));
    }

    /**
     * The value of attribute {@code name} of each top-level group that has it (values joined by commas), by group
     * name. Subgroups are not read: the gateways' token carries plain group names, so a subgroup's would be ambiguous.
     */
    public Map<String, String> groupAttribute(String realm, String name) {
        String what = "list groups of realm " + realm;
        List<GroupRepresentation> groups = unavailableOnRefusal(what,
                k -> k.call(what, kc -> kc.realm(realm).groups().groups(null, 0, MAX_GROUPS, false)));
        Map<String, String> out = new HashMap<>();
        for (GroupRepresentation g : groups) {
            List<String> values = g.getAttributes() == null ? null : g.getAttributes().get(name);
            if (values != null && !values.isEmpty()) {
                out.put(g.getName(), String.join(",", values));
            }
        }
        return out;
    }

    /** Any answer but the ones this reader expects means Keycloak cannot tell it the rules now. */
    private <T> T unavailableOnRefusal(String what, Function<KeycloakAdminClient, T> call) {
        try {
            return call.apply(keycloak);
        } catch (WebApplicationException e) {
            throw new WharfException(Reason.SERVICE_UNAVAILABLE,
                    what + ": Keycloak answered HTTP " + e.getResponse().getStatus(), e);
        }
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
