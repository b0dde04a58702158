package dev.wharf.storage.contract;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Test bytes, names and checksums. */
public final class Data {
    private Data() {
    }

    /** {@code n} pseudo-random bytes, the same for the same seed. */
    public static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] concat(byte[] a, int aLength, byte[] b) {
        byte[] out = new byte[aLength + b.length];
        System.arraycopy(a, 0, out, 0, aLength);
        System.arraycopy(b, 0, out, aLength, b.length);
        return out;
    }

    /** A fresh tenant id, so that every test has a namespace of its own. */
    public static String tenant() {
        return "t" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }
}
