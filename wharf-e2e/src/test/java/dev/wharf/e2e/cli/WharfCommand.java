package dev.wharf.e2e.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.e2e.E2ePlatform;
import dev.wharf.launcher.Platform;
import dev.wharf.launcher.ProjectPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the real {@code ./wharf} script against the e2e platform. By default as a local operator: only the port
 * variables and the run folder are given, as on a machine that ran {@code ./wharf up}; {@link #as} signs in as
 * someone else with the WHARF_* variables of a remote platform.
 */
final class WharfCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = ProjectPaths.root().resolve("wharf");

    private final Map<String, String> env;

    private WharfCommand(Map<String, String> env) {
        this.env = env;
    }

    /** The local platform's operator, with no credentials given: the CLI finds Keycloak's admin password itself. */
    static WharfCommand operator() {
        Platform p = E2ePlatform.get().platform();
        Map<String, String> env = new HashMap<>();
        env.put("WHARF_RUN_DIR", p.plan().runDir().toString());
        env.put("WHARF_PORT_IDENTITY", String.valueOf(p.plan().identityPort()));
        env.put("WHARF_PORT_POLICY", String.valueOf(p.plan().policyPort()));
        env.put("WHARF_PORT_KEYCLOAK", String.valueOf(p.plan().keycloakPort()));
        E2ePlatform.tenancy().ifPresent(t -> env.put("WHARF_TENANCY", t));
        return new WharfCommand(env);
    }

    /** Someone signing in to {@code realm} with a password, through URLs as against a remote platform. */
    static WharfCommand as(String realm, String user, String password) {
        Platform p = E2ePlatform.get().platform();
        Map<String, String> env = new HashMap<>();
        env.put("WHARF_IDENTITY_URL", p.identityUrl());
        env.put("WHARF_POLICY_URL", p.policyUrl());
        env.put("WHARF_KEYCLOAK_URL", p.keycloak().baseUrl());
        env.put("WHARF_REALM", realm);
        env.put("WHARF_USER", user);
        env.put("WHARF_PASSWORD", password);
        // the platform's tenancy model, as an operator tells a tenant administrator's CLI
        E2ePlatform.tenancy().ifPresent(t -> env.put("WHARF_TENANCY", t));
        return new WharfCommand(env);
    }

    /** This command with one more environment variable. */
    WharfCommand with(String name, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(name, value);
        return new WharfCommand(more);
    }

    /** This command without an environment variable (a password, to sign in another way). */
    WharfCommand without(String name) {
        Map<String, String> fewer = new HashMap<>(env);
        fewer.remove(name);
        return new WharfCommand(fewer);
    }

    Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Starts {@code ./wharf args} in the background (for a command that waits, like login); output to {@code out}. */
    Process start(Path out, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(out.getParent().toFile())
                .redirectOutput(out.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("WHARF_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs with {@code stdin} (null: /dev/null). */
    Result runWithInput(String stdin, String... args) {
        try {
            Path dir = Files.createTempDirectory("wharf-cli-it");
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");
            Path in = dir.resolve("in");
            Files.writeString(in, stdin == null ? "" : stdin);
            List<String> command = new ArrayList<>();
            command.add(SCRIPT.toString());
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
            // nothing of the developer's own WHARF_* settings may leak into the test
            pb.environment().keySet().removeIf(k -> k.startsWith("WHARF_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("./wharf " + String.join(" ", args) + " did not finish within 120 s");
            }
            Result r = new Result(String.join(" ", args), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            Files.delete(in);
            Files.delete(dir);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One run's outcome. */
    record Result(String command, int exit, String out, String err) {
        /** Asserts exit 0 and answers standard output. */
        String ok() {
            assertEquals(0, exit, this::describe);
            return out;
        }

        /** Asserts exit 0 and parses standard output as JSON. */
        JsonNode json() {
            String text = ok();
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + describe(), e);
            }
        }

        /** Asserts the exit code and that standard error names {@code expected}. */
        Result fails(int code, String expected) {
            assertEquals(code, exit, this::describe);
            if (!err.contains(expected)) {
                throw new AssertionError("standard error does not name \"" + expected + "\": " + describe());
            }
            return this;
        }

        String describe() {
            return "./wharf " + command + " -> exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
