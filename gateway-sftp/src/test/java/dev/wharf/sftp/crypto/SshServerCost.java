package dev.wharf.sftp.crypto;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The SSH layer alone: an SSHD SFTP server in this JVM with the gateway's ciphers (our chacha20-poly1305 first),
 * serving a folder in {@code /dev/shm}, and OpenSSH {@code sftp} putting and getting one file; prints this JVM's CPU
 * per MB for each transfer. No Wharf storage, identity or audit: what it measures is what the cipher, SSHD and the
 * SFTP subsystem cost. A plain main, not a test (run by {@code bench/sftp-ssh-cost.sh}; needs sshpass).
 */
public final class SshServerCost {
    private static final long TRANSFER_TIMEOUT_MINUTES = 10;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> ciphers = args.length > 2 ? List.of(args[2].split(",")) : List.of("default");
        Path root = Files.createTempDirectory(Path.of("/dev/shm"), "wharf-ssh-cost");
        SshServer sshd = server(root);
        try {
            sshd.start();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double mb = Files.size(file) / 1e6;
            Path put = Files.writeString(root.resolve("put"), "put " + file + " bench.bin\n");
            Path get = Files.writeString(root.resolve("get"), "get bench.bin " + root.resolve("dl.bin") + "\nrm bench.bin\n");
            System.out.printf(Locale.ROOT, "%s, %.0f MB file, round 0 is warm-up and not printed%n", Runtime.version(), mb);
            for (int round = 0; round <= rounds; round++) {
                for (String cipher : ciphers) {
                    for (Path batch : List.of(put, get)) {
                        long cpu0 = os.getProcessCpuTime();
                        long t0 = System.nanoTime();
                        int rc = sftp(sshd.getPort(), cipher, batch);
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
                        Files.deleteIfExists(root.resolve("dl.bin"));
                        if (round > 0) {
                            System.out.printf(Locale.ROOT, "%-24s %s exit %d %8.1f MB/s %8.3f server CPU ms/MB%n",
                                    cipher, batch == put ? "put" : "get", rc, mb / seconds, cpuMs / mb);
                        }
                    }
                }
            }
        } finally {
            sshd.stop(true);
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static SshServer server(Path root) throws Exception {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(root.resolve("host-key")));
        sshd.setPasswordAuthenticator((user, password, session) -> true); // loopback only, a throw-away folder
        List<NamedFactory<Cipher>> ciphers = new ArrayList<>(List.of(JdkChaCha20Poly1305.FACTORY,
                BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128gcm, BuiltinCiphers.aes128ctr));
        sshd.setCipherFactories(ciphers);
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(Files.createDirectories(root.resolve("home"))));
        return sshd;
    }

    /** One OpenSSH sftp batch ("default" = the client's own cipher choice); its exit code. */
    private static int sftp(int port, String cipher, Path batch) throws Exception {
        List<String> command = new ArrayList<>(List.of("sshpass", "-p", "any", "sftp", "-q", "-oBatchMode=no",
                "-oStrictHostKeyChecking=no", "-oUserKnownHostsFile=/dev/null", "-oPubkeyAuthentication=no",
                "-P", Integer.toString(port)));
        if (!cipher.equals("default")) {
            command.addAll(List.of("-c", cipher));
        }
        command.addAll(List.of("-b", batch.toString(), "bench@127.0.0.1"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(TRANSFER_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
