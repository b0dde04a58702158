package dev.wharf.identity.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs a user in to the account console the way a browser does (authorization code with PKCE through Keycloak's
 * login pages), optionally with an application-initiated action ({@code UPDATE_PASSWORD}, {@code CONFIGURE_TOTP}):
 * how the account console lets users change their password and enrol TOTP.
 */
public final class AccountConsoleLogin {
    private static final String CLIENT = "account-console";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*\\saction=\"([^\"]+)\"");
    private static final Pattern TOTP_SECRET = Pattern.compile("name=\"totpSecret\"[^>]*value=\"([^\"]+)\"");
    private static final int MAX_PAGES = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern MESSAGE = Pattern.compile("class=\"(?:instruction|[^\"]*kc-feedback-text|"
            + "[^\"]*alert[^\"]*)\"[^>]*>([^<]+)<");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    // Keycloak marks its cookies Secure; java.net.CookieManager withholds those over http, a browser on
    // localhost does not
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String realm;
    private final String tenant;

    /** Signs a tenant's users in at the realm they live in ({@link KeycloakTestAdmin#realmOf}). */
    public AccountConsoleLogin(String tenant) {
        this.tenant = tenant;
        this.realm = KeycloakTestAdmin.realmOf(tenant);
    }

    /** The account console's access token for the user, signed in with their password. */
    public String signIn(String user, String password) {
        return flow(user, password, null, null);
    }

    /** Changes the user's password as the account console's "Update" button does; answers the console's token. */
    public String changePassword(String user, String password, String newPassword) {
        return flow(user, password, "UPDATE_PASSWORD",
                page -> Map.of("password-new", newPassword, "password-confirm", newPassword));
    }

    /** Enrols TOTP as the account console's "Set up authenticator application" does; answers the base32 secret. */
    public String enrolTotp(String user, String password) {
        String[] secret = new String[1];
        flow(user, password, "CONFIGURE_TOTP", page -> {
            Matcher m = TOTP_SECRET.matcher(page);
            if (!m.find()) {
                throw new AssertionError("not the TOTP enrolment page: "
                        + page.substring(0, Math.min(300, page.length())));
            }
            String raw = unescape(m.group(1));
            secret[0] = base32(raw.getBytes(StandardCharsets.UTF_8));
            return Map.of("totpSecret", raw, "totp", TestTotp.now(secret[0]), "userLabel", "phone");
        });
        return secret[0];
    }

    private String flow(String tenantUser, String password, String action,
                        Function<String, Map<String, String>> onAction) {
        String user = KeycloakTestAdmin.keycloakUser(tenant, tenantUser);
        String verifier = random();
        String redirect = base() + "/realms/" + realm + "/account/";
        String url = base() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + CLIENT
                + "&redirect_uri=" + encode(redirect) + "&response_type=code&scope=openid&state=" + random()
                + "&nonce=" + random() + "&code_challenge_method=S256&code_challenge=" + challenge(verifier)
                + (action == null ? "" : "&kc_action=" + action);
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(url)).GET());
        for (int i = 0; i < MAX_PAGES; i++) {
            String next = page.headers().firstValue("Location").orElse(null);
            if (page.statusCode() / 100 == 3 && next != null && !next.startsWith(redirect)) {
                page = send(HttpRequest.newBuilder(URI.create(next)).GET());
            } else if (page.statusCode() == 200 && page.body().contains("name=\"username\"")) {
                // the sign-in page; with a session from an earlier sign-in Keycloak skips it
                page = submit(page, Map.of("username", user, "password", password, "credentialId", ""));
            } else if (page.statusCode() == 200 && page.body().contains("id=\"kc-form-login\"")
                    && page.body().contains("name=\"password\"")) {
                // a realm with organizations asks for the user name first and the password on a page of its own
                page = submit(page, Map.of("password", password, "credentialId", ""));
            } else if (page.statusCode() == 200) {
                if (onAction == null) {
                    throw new AssertionError("Keycloak asks for more than a password: " + message(page));
                }
                page = submit(page, onAction.apply(page.body()));
            } else {
                break;
            }
        }
        HttpResponse<String> last = page;
        String location = last.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no redirect to the account console (HTTP " + last.statusCode() + "): " + message(last)));
        Matcher code = Pattern.compile("[?&#]code=([^&]+)").matcher(location);
        if (!location.startsWith(redirect) || !code.find()) {
            throw new AssertionError("Keycloak did not return to the account console with a code: " + location);
        }
        String form = "grant_type=authorization_code&client_id=" + CLIENT + "&code=" + code.group(1)
                + "&redirect_uri=" + encode(redirect) + "&code_verifier=" + verifier;
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(base() + "/realms/" + realm
                        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        try {
            JsonNode body = JSON.readTree(token.body());
            if (token.statusCode() != 200) {
                throw new AssertionError("code exchange refused: " + token.body());
            }
            return body.path("access_token").asText();
        } catch (IOException e) {
            throw new AssertionError("code exchange answered no JSON: " + token.body(), e);
        }
    }

    private HttpResponse<String> submit(HttpResponse<String> page, Map<String, String> fields) {
        if (page.statusCode() != 200) {
            throw new AssertionError("expected a Keycloak page, got HTTP " + page.statusCode() + " "
                    + page.headers().firstValue("Location").orElse(message(page)));
        }
        Matcher m = FORM_ACTION.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no form on Keycloak's page: " + message(page));
        }
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(encode(k)).append('=')
                .append(encode(v)));
        return send(HttpRequest.newBuilder(URI.create(unescape(m.group(1))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        if (!cookies.isEmpty()) {
            StringBuilder header = new StringBuilder();
            cookies.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
            b.header("Cookie", header.toString());
        }
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("Set-Cookie")) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            return r;
        } catch (IOException e) {
            throw new AssertionError("Keycloak call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What Keycloak's page tells the user (its error or instruction), else its title. */
    private static String message(HttpResponse<String> page) {
        Matcher m = MESSAGE.matcher(page.body());
        if (m.find()) {
            return m.group(1).trim();
        }
        Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(page.body());
        return title.find() ? "page " + title.group(1) : page.body().substring(0, Math.min(300, page.body().length()));
    }

    private static String base() {
        return KeycloakTestAdmin.keycloak().baseUrl();
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#61;", "=").replace("&quot;", "\"").replace("&#x3D;", "=");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String random() {
        byte[] b = new byte[32]; // a PKCE verifier has 43 to 128 characters
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String challenge(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4648 base32 without padding, as authenticator apps take secrets. */
    private static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
