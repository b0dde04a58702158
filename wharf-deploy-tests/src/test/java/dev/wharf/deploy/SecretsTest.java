package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credentials come from existing Secrets by reference; no value of one ever appears in values or manifests. */
class SecretsTest {
    private static final Pattern SECRET_ENV = Pattern.compile(".*(PASSWORD|SECRET|ACCESS_KEY|TOKEN|CREDENTIAL).*");
    /** Settings named like credentials that are not: a client id, an endpoint. */
    private static final Pattern NOT_SECRET = Pattern.compile(".*_(CLIENT_ID|TOKEN_URL)");
    private static final Map<String, Object> ALL_SECRETS = Map.of(
            "keycloak.existingSecret", "kc-admin", "storage.s3.existingSecret", "s3-creds",
            "audit.producerConfigSecret", "kafka-client", "audit.caSecret", "kafka-ca",
            "tls.existingSecret", "ftps-cert", "sshHostKeys.existingSecret", "ssh-keys",
            "platformCredentials.existingSecret", "platform");

    @Test
    void credentialsAreReferencedNeverInlined() {
        Rendered r = Chart.render(ALL_SECRETS);
        assertTrue(r.ofKind("Secret").isEmpty(), "with existing Secrets the chart creates none: " + r.names());
        int refs = 0;
        for (String component : Chart.components()) {
            for (JsonNode env : r.workload(component).path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
                String name = env.path("name").asText();
                if (SECRET_ENV.matcher(name).matches() && !NOT_SECRET.matcher(name).matches()) {
                    assertFalse(env.has("value"), component + " has " + env.path("name") + " in clear");
                    assertFalse(env.path("valueFrom").path("secretKeyRef").path("name").asText().isEmpty());
                    refs++;
                }
            }
        }
        assertEquals(9, refs, "Keycloak admin password (identity and policy), S3 access key and secret key, "
                + "the gateways' client secret (identity and the three gateways), the portal's session secret");
        JsonNode identity = r.podSpec("Deployment", "wharf-identity-service").path("containers").get(0);
        assertEquals("kc-admin", identity.path("env").findParent("secretKeyRef").path("secretKeyRef").path("name").asText());
        assertEquals("ftps-cert", ChartOptionsTest.volume(r.podSpec("StatefulSet", "wharf-gateway-ftp"), "tls").path("secret").path("secretName").asText());
        assertEquals("ftps-cert", ChartOptionsTest.volume(r.podSpec("Deployment", "wharf-gateway-web"), "tls").path("secret").path("secretName").asText());
        JsonNode sftp = r.podSpec("Deployment", "wharf-gateway-sftp");
        JsonNode keys = ChartOptionsTest.volume(sftp, "host-keys-secret").path("secret");
        assertEquals("ssh-keys", keys.path("secretName").asText());
        assertEquals(0440, keys.path("defaultMode").asInt(), "readable by the fsGroup, never by others");
        // copied 0600 into memory for the gateway, which wants its keys private to its user
        assertEquals("Memory", ChartOptionsTest.volume(sftp, "host-keys").path("emptyDir").path("medium").asText());
        JsonNode init = sftp.path("initContainers").get(0);
        assertTrue(init.path("command").get(2).asText().contains("chmod 0600"));
        assertTrue(init.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertFalse(init.has("readinessProbe"), "init containers take no probes");
        assertFalse(r.text().contains("PRIVATE KEY"));
    }

    @Test
    void generatedHostKeysAreKeptAcrossUpgradesAndNeverRegenerated() {
        Rendered r = Chart.render(Map.of());
        JsonNode s = r.get("Secret", "wharf-ssh-host-keys");
        assertEquals("keep", s.path("metadata").path("annotations").path("helm.sh/resource-policy").asText());
        for (String key : List.of("ssh_host_ed25519_key", "ssh_host_ecdsa_key", "ssh_host_rsa_key")) {
            String pem = new String(java.util.Base64.getDecoder().decode(s.path("data").path(key).asText()));
            assertTrue(pem.contains("PRIVATE KEY-----"), key);
        }
        // beside the platform credentials, the only Secret the chart ever writes, and not in the manifest text in clear
        assertEquals(2, r.ofKind("Secret").size(), r.names());
        assertFalse(r.text().contains("BEGIN"));
    }

    @Test
    void valuesHoldNoCredentialValues() throws Exception {
        String values = Files.readString(Chart.root().resolve("values.yaml"));
        for (String line : values.split("\n")) {
            String t = line.strip();
            if (t.startsWith("#") || !t.contains(":")) {
                continue;
            }
            String key = t.substring(0, t.indexOf(':')).toLowerCase();
            String value = t.substring(t.indexOf(':') + 1).strip();
            if (key.endsWith("key") && !key.equals("secretkey") && !key.equals("accesskey")) {
                continue; // passwordKey, secretKeyKey...: the name of a key inside a Secret, not a credential
            }
            if (key.contains("password") || key.equals("secretkey") || key.equals("accesskey") || key.contains("token")) {
                assertTrue(value.isEmpty() || value.equals("\"\""), "credential in values.yaml: " + t);
            }
        }
    }
}
