package dev.wharf.keycloak.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;
import dev.wharf.tenancy.KeycloakAdminClient;
import dev.wharf.tenancy.WebSignInFlow;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provider jar in a real Keycloak (wharf-launcher's test Keycloak, built with the packaged jar): the portal's
 * sign-in at realm {@code wharf} qualifies the typed name with the tenant the portal names, and the audit listener
 * reports changes in that realm per tenant with plain user names.
 */
class TenantSignInIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM = "wharf";
    private static final String CLIENT = "wharf-web";
    private static final String REDIRECT = "http://127.0.0.1:1/callback";
    private static final String CONSOLE = "test-admin-console";
    private static final String NORTHWIND_PASSWORD = "Northwind-pw-1";
    private static final String ACME_PASSWORD = "Acme-pw-2";
    private static final String REFUSED = "Invalid username or password.";
    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");
    private static KeycloakServer kc;

    @BeforeAll
    static void tenantRealm() throws Exception {
        kc = TestComponents.keycloak();
        // as identity-service sets the realm up at start (docs/TENANCY.md)
        admin("POST", "/admin/realms", Map.of("realm", REALM, "enabled", true, "organizationsEnabled", true,
                "eventsListeners", List.of("jboss-logging", "wharf-audit"), "adminEventsEnabled", true), 201);
        admin("POST", "/admin/realms/" + REALM + "/clients", Map.of("clientId", CLIENT, "publicClient", true,
                "standardFlowEnabled", true, "directAccessGrantsEnabled", false, "redirectUris", List.of(REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256")), 201);
        for (String tenant : List.of("northwind", "acme")) {
            admin("POST", "/admin/realms/" + REALM + "/organizations", Map.of("name", tenant, "alias", tenant,
                    "enabled", true, "domains", List.of(Map.of("name", tenant + ".example.test"))), 201);
        }
        user("northwind.alice", NORTHWIND_PASSWORD, null);
        user("acme.alice", ACME_PASSWORD, null);
        // an address that, typed in northwind's portal, Keycloak would find by e-mail
        user("acme.eve", ACME_PASSWORD, "northwind.eve@example.test");
        try (KeycloakAdminClient client = new KeycloakAdminClient(new KeycloakAdminClient.Settings("test",
                kc.baseUrl(), "master", "admin-cli", kc.adminUser(), kc.adminPassword(), Duration.ofSeconds(30)))) {
            WebSignInFlow.ensure(client, REALM, CLIENT);
            WebSignInFlow.ensure(client, REALM, CLIENT);
        }
    }

    @Test
    void theTypedNameIsQualifiedWithThePortalsTenant() throws Exception {
        JsonNode northwind = signIn("northwind", "alice", NORTHWIND_PASSWORD).orElseThrow();
        assertEquals("northwind.alice", northwind.path("preferred_username").asText());
        JsonNode acme = signIn("acme", "alice", ACME_PASSWORD).orElseThrow();
        assertEquals("acme.alice", acme.path("preferred_username").asText());
    }

    @Test
    void nothingReachesAnotherTenantsUser() throws Exception {
        // another tenant's password for the same plain name
        assertEquals(REFUSED, signIn("northwind", "alice", ACME_PASSWORD).refusal());
        // a qualified name typed into another tenant's portal is qualified again
        assertEquals(REFUSED, signIn("northwind", "acme.alice", ACME_PASSWORD).refusal());
        // acme's user found through an e-mail address: right password, wrong tenant
        assertEquals(REFUSED, signIn("northwind", "eve@example.test", ACME_PASSWORD).refusal());
    }

    @Test
    void aKeycloakSessionCountsOnlyAtItsOwnTenantsPortal() throws Exception {
        HttpClient browser = browser();
        assertEquals("northwind.alice", signIn(browser, "northwind", "alice", NORTHWIND_PASSWORD).orElseThrow()
                .path("preferred_username").asText());
        // the same browser at acme's portal: the form, not a code for northwind's user
        HttpResponse<String> acme = authorize(browser, "acme", "verifier-acme-0123456789abcdefghijklmnopqrstuvwxyz");
        assertEquals(200, acme.statusCode(), acme.headers().map().toString());
        assertTrue(FORM_ACTION.matcher(acme.body()).find(), "no login form: " + acme.body());
        // and back at northwind's portal the session still signs the user in without the form
        HttpResponse<String> northwind = authorize(browser, "northwind",
                "verifier-nw-0123456789abcdefghijklmnopqrstuvwxyz");
        assertEquals(302, northwind.statusCode(), northwind.body());
        assertTrue(northwind.headers().firstValue("Location").orElseThrow().contains("code="),
                northwind.headers().map().toString());
    }

    @Test
    void withoutATenantEveryNameIsRefusedAsAWrongPasswordIs() throws Exception {
        assertEquals(REFUSED, signIn(null, "northwind.alice", NORTHWIND_PASSWORD).refusal());
        assertEquals(REFUSED, signIn("Not.A.Tenant", "alice", NORTHWIND_PASSWORD).refusal());
    }

    @Test
    void changesInTheTenantRealmAreAuditedPerTenantWithPlainNames() throws Exception {
        consoleClient();
        String console = kc.adminToken(CONSOLE);
        call(console, "POST", "/admin/realms/" + REALM + "/users", Map.of("username", "northwind.carol",
                "enabled", true), 201);
        call(console, "POST", "/admin/realms/" + REALM + "/groups", Map.of("name", "northwind"), 201);
        String group = JSON.readTree(call(console, "GET", "/admin/realms/" + REALM + "/group-by-path/northwind",
                null, 200)).path("id").asText();
        call(console, "POST", "/admin/realms/" + REALM + "/groups/" + group + "/children",
                Map.of("name", "finance"), 201);

        List<AuditEvent> events = keycloakEvents("northwind", l -> l.size() >= 3, Duration.ofSeconds(60));
        assertEquals("user.created", events.get(0).data().get("action"), events.toString());
        assertEquals("carol", events.get(0).data().get("target"));
        assertTrue(events.stream().allMatch(e -> "northwind".equals(e.tenant())), events.toString());
        assertTrue(events.stream().allMatch(e -> kc.adminUser().equals(e.user())), events.toString());
        assertEquals(List.of(), keycloakEvents(REALM, l -> false, Duration.ofSeconds(2)),
                "no event names the realm as a tenant");
    }

    @Test
    void aRealmTenantIsItsOwnTenantAsBefore() throws Exception {
        // the realm-per-tenant model: no Organizations, the realm names the tenant and a dot in a name is no prefix
        String realm = "harbor";
        admin("POST", "/admin/realms", Map.of("realm", realm, "enabled", true,
                "eventsListeners", List.of("jboss-logging", "wharf-audit"), "adminEventsEnabled", true), 201);
        consoleClient();
        call(kc.adminToken(CONSOLE), "POST", "/admin/realms/" + realm + "/users", Map.of("username", "northwind.dan",
                "enabled", true), 201);

        List<AuditEvent> events = keycloakEvents(realm, l -> !l.isEmpty(), Duration.ofSeconds(60));
        assertEquals(1, events.size(), events.toString());
        assertEquals(realm, events.get(0).tenant());
        assertEquals("northwind.dan", events.get(0).data().get("target"));
        assertTrue(keycloakEvents("northwind", l -> false, Duration.ofSeconds(2)).stream()
                .noneMatch(e -> "dan".equals(e.data().get("target"))), "a realm tenant's user is no organization's");
    }

    private static void consoleClient() throws Exception {
        if (admin("GET", "/admin/realms/master/clients?clientId=" + CONSOLE, null, 200).equals("[]")) {
            admin("POST", "/admin/realms/master/clients", Map.of("clientId", CONSOLE, "publicClient", true,
                    "directAccessGrantsEnabled", true, "fullScopeAllowed", true), 201);
        }
    }

    /** A sign-in's outcome: the ID token's claims, or the page Keycloak answered instead. */
    private record Outcome(JsonNode claims, String page) {
        JsonNode orElseThrow() {
            if (claims == null) {
                throw new AssertionError("sign-in refused: " + refusal());
            }
            return claims;
        }

        String refusal() {
            if (page == null) {
                throw new AssertionError("signed in: " + claims);
            }
            return page.contains(REFUSED) ? REFUSED : page;
        }
    }

    /** The browser's authorization-code flow with PKCE, as the portal runs it, with {@code wharf_tenant}. */
    private static Outcome signIn(String tenant, String user, String password) throws Exception {
        return signIn(browser(), tenant, user, password);
    }

    /** A browser: its own cookies, redirects not followed. */
    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new PlainHttpCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The portal's authorization request for {@code tenant} (null: none named) with a PKCE challenge. */
    private static HttpResponse<String> authorize(HttpClient browser, String tenant, String verifier)
            throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String auth = kc.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=" + CLIENT
                + "&response_type=code&scope=openid&state=s1&redirect_uri=" + enc(REDIRECT)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256"
                + (tenant == null ? "" : "&wharf_tenant=" + enc(tenant));
        return browser.send(HttpRequest.newBuilder(URI.create(auth)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Outcome signIn(HttpClient browser, String tenant, String user, String password) throws Exception {
        String verifier = "verifier-" + Long.toHexString(System.nanoTime()) + "-0123456789abcdefghijklmnopqrstuvwxyz";
        HttpResponse<String> form = authorize(browser, tenant, verifier);
        assertEquals(200, form.statusCode(), form.body());
        Matcher action = FORM_ACTION.matcher(form.body());
        assertTrue(action.find(), "no login form: " + form.body());
        HttpResponse<String> sent = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user) + "&password=" + enc(password)
                        + "&credentialId="))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (sent.statusCode() != 302) {
            return new Outcome(null, sent.body());
        }
        String location = sent.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT), location);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertTrue(code.find(), location);
        HttpResponse<String> token = browser.send(HttpRequest.newBuilder(URI.create(kc.baseUrl() + "/realms/" + REALM
                        + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=" + CLIENT
                        + "&code=" + code.group(1) + "&redirect_uri=" + enc(REDIRECT) + "&code_verifier=" + verifier))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        String idToken = JSON.readTree(token.body()).path("id_token").asText();
        return new Outcome(JSON.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[1])), null);
    }

    /**
     * A browser's cookie jar over plain http: Keycloak marks its cookies Secure, which java.net.CookieManager
     * withholds over http (a browser sends them to localhost); the attribute is dropped as they arrive.
     */
    private static final class PlainHttpCookies extends CookieHandler {
        private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return jar.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            Map<String, List<String>> plain = new HashMap<>();
            headers.forEach((k, v) -> plain.put(k, k != null && k.equalsIgnoreCase("Set-Cookie")
                    ? v.stream().map(c -> c.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList() : v));
            jar.put(uri, plain);
        }
    }

    private static void user(String name, String password, String email) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", name, "enabled", true,
                "firstName", "Test", "lastName", "User",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        body.put("email", email == null ? name.replace('.', '-') + "@users.example.test" : email);
        body.put("emailVerified", true);
        admin("POST", "/admin/realms/" + REALM + "/users", body, 201);
    }

    private static String admin(String method, String path, Object body, int expected) throws Exception {
        return call(kc.adminToken(), method, path, body, expected);
    }

    private static String call(String token, String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kc.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The events Keycloak published with key {@code tenant}, read from the start of the topic until {@code done}. */
    private static List<AuditEvent> keycloakEvents(String tenant, Predicate<List<AuditEvent>> done, Duration within) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestComponents.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<AuditEvent> found = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                try {
                    consumer.partitionsFor(TestComponents.KEYCLOAK_AUDIT_TOPIC, Duration.ofSeconds(2))
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // the topic appears with the first event Keycloak publishes: ask again until the deadline
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    AuditEvent e = CloudEventJson.parse(r.value());
                    if (tenant.equals(r.key()) && "/keycloak".equals(e.source())) {
                        found.add(e);
                    }
                }
            }
        }
        return found;
    }
}
