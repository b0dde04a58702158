package dev.wharf.sftp.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH client ({@code sftp}, {@code ssh}) driven through {@code sshpass}. Tests skip with a clear
 * message when the tools are missing, except under {@code CI=true}, where a missing tool is a failure.
 */
public final class OpenSsh {
    /** What a client run printed and how it ended. */
    public record Result(int exit, String out, String err) {
        public String all() {
            return out + "\n" + err;
        }
    }

    private OpenSsh() {
    }

    /** Skips the calling test unless sshpass, sftp and ssh are installed (fails instead when CI=true). */
    public static void require() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("sshpass", "sftp", "ssh", "ssh-keygen")) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String msg = "OpenSSH client tools missing: " + missing + " (apt-get install -y openssh-client sshpass)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(msg);
        }
        Assumptions.abort(msg);
    }

    /** Skips the calling test unless {@code check} (a command) exits 0; fails instead when CI=true. */
    public static void requireClient(String what, String... check) throws IOException, InterruptedException {
        boolean ok;
        try {
            Process p = new ProcessBuilder(check).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        }
        if (ok) {
            return;
        }
        String msg = what + " missing (see .ci/run)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(msg);
        }
        Assumptions.abort(msg);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Options every run uses: no host key checks or prompts, password auth only, no user config. */
    static List<String> common(int port, String portFlag) {
        return List.of("-F", "/dev/null", "-oStrictHostKeyChecking=no", "-oUserKnownHostsFile=/dev/null",
                "-oBatchMode=no", "-oPubkeyAuthentication=no", "-oPreferredAuthentications=password",
                "-oNumberOfPasswordPrompts=1", "-oConnectTimeout=20", portFlag, String.valueOf(port));
    }

    /**
     * Runs {@code sftp -b} with these commands. {@code -oBatchMode=no} comes first so that sshpass can answer the
     * password prompt (sftp's own {@code -b} would otherwise turn password prompts off).
     */
    public static Result sftp(int port, String user, String password, Path workDir, String... commands)
            throws IOException, InterruptedException {
        return sftp(port, user, password, workDir, List.of(), commands);
    }

    /** {@link #sftp(int, String, String, Path, String...)} with extra {@code -o} options. */
    public static Result sftp(int port, String user, String password, Path workDir, List<String> options,
                              String... commands) throws IOException, InterruptedException {
        Path batch = Files.createTempFile(workDir, "batch", ".txt");
        Files.writeString(batch, String.join("\n", commands) + "\n");
        List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", password, "sftp"));
        cmd.addAll(common(port, "-P"));
        cmd.addAll(options);
        cmd.addAll(List.of("-b", batch.toString(), user + "@127.0.0.1"));
        return run(cmd, workDir);
    }

    /** Runs {@code sftp -i key -b} with public-key authentication only (no sshpass, no agent). */
    public static Result sftpWithKey(int port, String user, Path key, Path workDir, String... commands)
            throws IOException, InterruptedException {
        Path batch = Files.createTempFile(workDir, "batch", ".txt");
        Files.writeString(batch, String.join("\n", commands) + "\n");
        List<String> cmd = new ArrayList<>(List.of("sftp", "-F", "/dev/null", "-oStrictHostKeyChecking=no",
                "-oUserKnownHostsFile=/dev/null", "-oBatchMode=yes", "-oPreferredAuthentications=publickey",
                "-oIdentitiesOnly=yes", "-oIdentityAgent=none", "-oConnectTimeout=20", "-i", key.toString(),
                "-P", String.valueOf(port), "-b", batch.toString(), user + "@127.0.0.1"));
        return run(cmd, workDir);
    }

    /** Generates an unencrypted key pair with {@code ssh-keygen}; returns the private key file (".pub" beside it). */
    public static Path keygen(Path dir, String type) throws IOException, InterruptedException {
        Path key = dir.resolve("id_" + type);
        Result r = run(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "test@wharf", "-f", key.toString()),
                dir);
        if (r.exit() != 0) {
            throw new AssertionError("ssh-keygen failed: " + r.all());
        }
        return key;
    }

    /** Runs {@code ssh} with extra options and an optional remote command. */
    public static Result ssh(int port, String user, String password, Path workDir, List<String> options,
                             String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", password, "ssh"));
        cmd.addAll(common(port, "-p"));
        cmd.addAll(options);
        cmd.add(user + "@127.0.0.1");
        cmd.addAll(List.of(command));
        return run(cmd, workDir);
    }

    /** Runs any client command (curl, python3) in {@code workDir}, input from /dev/null, at most 120 s. */
    public static Result run(List<String> cmd, Path workDir) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("client did not finish within 120 s: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
