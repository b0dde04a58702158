package dev.wharf.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** curl (Debian's, with FTPS and SFTP) as the clients of the cluster tests, each run bounded in time. */
final class Curl {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private Curl() {
    }

    /** What a run of curl ended with. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    /**
     * One session (curl reuses the connection across {@code --next}): uploads {@code local} to {@code url}, then
     * downloads it into {@code back}. {@code url} is e.g. {@code ftps://127.0.0.1:990/a.bin} (implicit TLS) or
     * {@code sftp://127.0.0.1:22/a.bin}.
     */
    static Result uploadAndDownload(String url, String user, String password, Path local, Path back,
                                    List<String> extra) {
        // curl 7.88 over TLS 1.3 does not resume the control connection's session on the second transfer of a reused
        // FTPS connection (curl issue 4654), which the gateways require (require-tls-session-reuse): TLS 1.2 here
        List<String> tls = url.startsWith("ftps:") ? List.of("--tls-max", "1.2") : List.of();
        List<String> args = new ArrayList<>(common(user, password));
        args.addAll(tls);
        args.addAll(extra);
        args.addAll(List.of("-T", local.toString(), url, "--next"));
        args.addAll(common(user, password));
        args.addAll(tls);
        args.addAll(List.of("-o", back.toString(), url));
        return run(args);
    }

    /** Uploads only (a session of its own). */
    static Result upload(String url, String user, String password, Path local, List<String> extra) {
        List<String> args = new ArrayList<>(common(user, password));
        args.addAll(extra);
        args.addAll(List.of("-T", local.toString(), url));
        return run(args);
    }

    /** Downloads only. */
    static Result download(String url, String user, String password, Path back, List<String> extra) {
        List<String> args = new ArrayList<>(common(user, password));
        args.addAll(extra);
        args.addAll(List.of("-o", back.toString(), url));
        return run(args);
    }

    /** The names in a folder ({@code url} ends with /). */
    static List<String> list(String url, String user, String password) {
        List<String> args = new ArrayList<>(common(user, password));
        args.addAll(List.of("-l", url));
        Result r = run(args);
        if (!r.ok()) {
            throw new AssertionError("listing " + url + " failed: " + r);
        }
        return r.output().lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> common(String user, String password) {
        // -k: the platform's self-signed certificate, and SFTP host keys made at its first start
        // --connect-timeout covers the TLS handshake and the FTP login too: 30 s leaves room on a loaded machine
        return List.of("-sS", "-k", "--connect-timeout", "30", "-u", user + ":" + password);
    }

    static Result run(List<String> args) {
        List<String> command = new ArrayList<>(List.of("curl"));
        command.addAll(args);
        return exec(command);
    }

    /** Runs a command (curl, oathtool) within {@link #TIMEOUT}; its exit code and merged output. */
    static Result exec(List<String> command) {
        try {
            Path out = Files.createTempFile("curl", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    return new Result(-1, "timed out after " + TIMEOUT);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The prefix of the {@code -w} line that reports the bytes uploaded ({@code %{size_upload}}). */
    static final String UPLOADED = "uploaded=";

    /** Bytes a run reported uploaded ({@link #UPLOADED} line); -1 when it did not report. */
    static long uploaded(Result r) {
        return r.output().lines().filter(l -> l.startsWith(UPLOADED))
                .mapToLong(l -> Long.parseLong(l.substring(UPLOADED.length()).trim())).findFirst().orElse(-1);
    }

    /** Hex SHA-256 of a file. */
    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
