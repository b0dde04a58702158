package dev.wharf.sftp.crypto;

import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;

import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * MB per CPU second and CPU ms per MB of each piece of the SSH packet path, JIT warmed, without JMH: a plain main,
 * not a test (run by {@code bench/sftp-crypto.sh}). Each case handles one SSH packet of {@code packet} bytes
 * (default 32 KiB, the size SFTP data packets have) per call; the figure is the median of several timed rounds.
 */
public final class CipherCost {
    private static final SplittableRandom RND = new SplittableRandom(42);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One measured operation on one packet. */
    private interface Step {
        void run() throws Exception;
    }

    private record Case(String name, Step step) {
    }

    public static void main(String[] args) throws Exception {
        int packet = args.length > 0 ? Integer.parseInt(args[0]) : 32 * 1024;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String only = args.length > 3 ? args[3] : "";
        List<Case> cases = cases(packet);
        System.out.printf(Locale.ROOT, "%s, %s, packet %d bytes, %d rounds of %.1f s after %.1f s warm-up%n",
                System.getProperty("java.vm.name"), Runtime.version(), packet, rounds, seconds, 2 * seconds);
        System.out.printf(Locale.ROOT, "%-56s %12s %10s%n", "case", "MB/CPU-s", "ms/MB");
        for (Case c : cases) {
            if (!c.name.contains(only)) {
                continue;
            }
            double mbs = measure(c.step, packet, seconds, rounds);
            System.out.printf(Locale.ROOT, "%-56s %12.1f %10.3f%n", c.name, mbs, 1000 / mbs);
        }
    }

    private static List<Case> cases(int packet) throws Exception {
        List<Case> cases = new ArrayList<>();
        byte[] buf = bytes(4 + packet + 64); // room for the largest tag or MAC
        byte[] key32 = bytes(32);
        byte[] tag = new byte[16];

        Poly1305 ours = new Poly1305();
        cases.add(new Case("poly1305 ours (Poly1305)", () -> {
            ours.init(key32, 0);
            ours.update(buf, 0, 4 + packet);
            ours.finish(tag, 0);
        }));
        Poly1305Donna32 donna32 = new Poly1305Donna32();
        cases.add(new Case("poly1305 sessions 2-8 (Poly1305Donna32)", () -> {
            donna32.tag(key32, buf, 0, 4 + packet, tag);
        }));
        Step jdkPoly = jdkInternalPoly1305(key32, buf, 4 + packet);
        if (jdkPoly != null) {
            cases.add(new Case("poly1305 JDK internal (reference, --add-opens)", jdkPoly));
        }
        org.apache.sshd.common.mac.Poly1305Mac sshdPoly = new org.apache.sshd.common.mac.Poly1305Mac();
        cases.add(new Case("poly1305 SSHD Poly1305Mac", () -> {
            sshdPoly.init(key32);
            sshdPoly.update(buf, 0, 4 + packet);
            sshdPoly.doFinal(tag, 0);
        }));

        javax.crypto.Cipher chacha = javax.crypto.Cipher.getInstance("ChaCha20", "SunJCE");
        SecretKeySpec chachaKey = new SecretKeySpec(key32, "ChaCha20");
        byte[] nonce = new byte[12];
        long[] seq = {0};
        cases.add(new Case("chacha20 JDK SunJCE (init per packet + body)", () -> {
            nonce[11] = (byte) seq[0]++;
            nonce[10] = (byte) (seq[0] >>> 8);
            chacha.init(javax.crypto.Cipher.DECRYPT_MODE, chachaKey, new ChaCha20ParameterSpec(nonce, 1));
            chacha.update(buf, 4, packet, buf, 4);
        }));

        for (Named n : List.of(
                new Named("chacha20-poly1305 ours (JdkChaCha20Poly1305)", JdkChaCha20Poly1305::new, 64, 8),
                new Named("chacha20-poly1305 SSHD ChaCha20Cipher", ChaCha20Cipher::new, 64, 8),
                new Named("aes256-gcm SSHD/SunJCE", () -> BuiltinCiphers.aes256gcm.create(), 32, 12),
                new Named("aes128-gcm SSHD/SunJCE", () -> BuiltinCiphers.aes128gcm.create(), 16, 12))) {
            byte[] key = bytes(n.keyBytes);
            byte[] iv = new byte[n.ivBytes];
            iv[n.ivBytes - 1] = 3; // a small sequence number: SSHD's ChaCha20Cipher refuses others
            Cipher enc = n.factory.get();
            enc.init(Cipher.Mode.Encrypt, key, iv.clone());
            cases.add(new Case(n.name + " encrypt", () -> enc.updateWithAAD(buf, 0, 4, packet)));
            Cipher out = n.factory.get();
            Cipher in = n.factory.get();
            out.init(Cipher.Mode.Encrypt, key, iv.clone());
            in.init(Cipher.Mode.Decrypt, key, iv.clone());
            cases.add(new Case(n.name + " encrypt+decrypt", () -> {
                out.updateWithAAD(buf, 0, 4, packet);
                in.updateAAD(buf, 0, 4);
                in.update(buf, 4, packet);
            }));
        }
        Cipher ctr = BuiltinCiphers.aes128ctr.create();
        ctr.init(Cipher.Mode.Encrypt, bytes(16), bytes(16));
        Mac etm = BuiltinMacs.hmacsha256etm.create();
        etm.init(bytes(32));
        long[] ctrSeq = {0};
        cases.add(new Case("aes128-ctr + hmac-sha2-256-etm encrypt", () -> {
            ctr.update(buf, 4, packet);
            etm.updateUInt(ctrSeq[0]++);
            etm.update(buf, 0, 4 + packet);
            etm.doFinal(buf, 4 + packet);
        }));
        return cases;
    }

    private record Named(String name, java.util.function.Supplier<Cipher> factory, int keyBytes, int ivBytes) {
    }

    /** The JDK's own (HotSpot-intrinsified) Poly1305, reachable only with --add-opens; null when it is not. */
    private static Step jdkInternalPoly1305(byte[] key32, byte[] buf, int length) {
        try {
            Class<?> c = Class.forName("com.sun.crypto.provider.Poly1305");
            Constructor<?> ctor = c.getDeclaredConstructor(boolean.class);
            ctor.setAccessible(true);
            Object mac = ctor.newInstance(false);
            Method init = c.getDeclaredMethod("engineInit", Key.class, AlgorithmParameterSpec.class);
            Method update = c.getDeclaredMethod("engineUpdate", byte[].class, int.class, int.class);
            Method doFinal = c.getDeclaredMethod("engineDoFinal");
            init.setAccessible(true);
            update.setAccessible(true);
            doFinal.setAccessible(true);
            Key k = new SecretKeySpec(key32, "Poly1305");
            return () -> {
                init.invoke(mac, k, null);
                update.invoke(mac, buf, 0, length);
                doFinal.invoke(mac);
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not opened: the bench script adds --add-opens java.base/com.sun.crypto.provider
        }
    }

    /**
     * Warms for twice the round time, then returns the median MB per CPU second of the rounds. This thread's CPU
     * time, not the wall clock: the machine is shared, and CPU per MB is the figure that matters on the gateway.
     */
    private static double measure(Step step, int packet, double seconds, int rounds) throws Exception {
        long roundNanos = (long) (seconds * 1e9);
        runFor(step, 2 * roundNanos);
        double[] mbs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            long n = runFor(step, roundNanos);
            double cpu = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
            mbs[r] = n * (double) packet / 1e6 / cpu;
        }
        Arrays.sort(mbs);
        return mbs[rounds / 2];
    }

    /** Runs the step in batches until the time is up (at most 10^9 calls); returns the number of calls. */
    private static long runFor(Step step, long nanos) throws Exception {
        long deadline = System.nanoTime() + nanos;
        long n = 0;
        while (System.nanoTime() < deadline && n < 1_000_000_000L) {
            for (int i = 0; i < 16; i++) {
                step.run();
            }
            n += 16;
        }
        return n;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RND.nextBytes(b);
        return b;
    }
}
