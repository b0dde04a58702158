package dev.wharf.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Port settings of {@code ./wharf up} from the environment, over the local defaults. The names are
 * {@code WHARF_PORT_*} / {@code WHARF_PORTS_*} on purpose: the services inherit the launcher's environment, and
 * names under their own configuration roots ({@code WHARF_SFTP_...}) would be read by them as well.
 */
final class PortOverrides {
    /** Every variable read, for messages and the README. */
    static final List<String> NAMES = List.of("WHARF_PORT_KEYCLOAK", "WHARF_PORT_KAFKA", "WHARF_PORT_IDENTITY",
            "WHARF_PORT_POLICY", "WHARF_PORT_STORAGE", "WHARF_PORT_FTP_HTTP", "WHARF_PORT_SFTP_HTTP",
            "WHARF_PORT_SFTP", "WHARF_PORT_SFTP_ALTERNATE", "WHARF_PORT_WEB", "WHARF_PORT_WEB_HTTP",
            "WHARF_PORTS_FTP_EXPLICIT", "WHARF_PORTS_FTP_IMPLICIT", "WHARF_PORTS_FTP_PASSIVE");

    private PortOverrides() {
    }

    /** Applies the variables present in {@code env}; a malformed value fails with a message naming it. */
    static PlatformPlan.Builder apply(PlatformPlan.Builder b, Map<String, String> env) {
        one(env, "WHARF_PORT_KEYCLOAK", b::keycloakPort);
        one(env, "WHARF_PORT_KAFKA", b::kafkaPort);
        one(env, "WHARF_PORT_IDENTITY", b::identityPort);
        one(env, "WHARF_PORT_POLICY", b::policyPort);
        one(env, "WHARF_PORT_STORAGE", b::storagePort);
        one(env, "WHARF_PORT_FTP_HTTP", b::ftpHttpPort);
        one(env, "WHARF_PORT_SFTP_HTTP", b::sftpHttpPort);
        one(env, "WHARF_PORT_SFTP", b::sftpPort);
        one(env, "WHARF_PORT_SFTP_ALTERNATE", b::sftpAlternatePort);
        one(env, "WHARF_PORT_WEB", b::webPort);
        one(env, "WHARF_PORT_WEB_HTTP", b::webHttpPort);
        String explicit = value(env, "WHARF_PORTS_FTP_EXPLICIT");
        if (explicit != null) {
            b.ftpExplicitPorts(list("WHARF_PORTS_FTP_EXPLICIT", explicit));
        }
        String implicit = value(env, "WHARF_PORTS_FTP_IMPLICIT");
        if (implicit != null) {
            b.ftpImplicitPorts(list("WHARF_PORTS_FTP_IMPLICIT", implicit));
        }
        String passive = value(env, "WHARF_PORTS_FTP_PASSIVE");
        if (passive != null) {
            String[] range = passive.split("-", -1);
            if (range.length != 2) {
                throw bad("WHARF_PORTS_FTP_PASSIVE", passive, "a range first-last, e.g. 40000-50000");
            }
            int first = port("WHARF_PORTS_FTP_PASSIVE", range[0]);
            int last = port("WHARF_PORTS_FTP_PASSIVE", range[1]);
            if (first > last) {
                throw bad("WHARF_PORTS_FTP_PASSIVE", passive, "a range whose first port is not above its last");
            }
            b.passivePorts(first, last);
        }
        return b;
    }

    private static void one(Map<String, String> env, String name, IntConsumer set) {
        String v = value(env, name);
        if (v != null) {
            set.accept(port(name, v));
        }
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static List<Integer> list(String name, String value) {
        List<Integer> ports = new ArrayList<>();
        for (String p : value.split(",")) {
            ports.add(port(name, p));
        }
        return ports;
    }

    private static int port(String name, String value) {
        try {
            int p = Integer.parseInt(value.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(name, value, "a TCP port from 1 to 65535");
    }

    private static IllegalArgumentException bad(String name, String value, String expected) {
        return new IllegalArgumentException(name + "=" + value + " is not " + expected);
    }
}
