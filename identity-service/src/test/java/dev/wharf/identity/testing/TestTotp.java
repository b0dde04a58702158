package dev.wharf.identity.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;

/** RFC 6238 TOTP (HmacSHA1, 6 digits, 30 s): what an authenticator app computes, for tests. */
public final class TestTotp {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private TestTotp() {
    }

    /** The code for {@code at}. */
    public static String code(String base32Secret, Instant at) {
        return codeForStep(base32Secret, at.getEpochSecond() / 30);
    }

    public static String now(String base32Secret) {
        return code(base32Secret, Instant.now());
    }

    /** A well-formed code that Keycloak accepts in none of the steps around now (look-around 1). */
    public static String wrong(String base32Secret) {
        long step = Instant.now().getEpochSecond() / 30;
        for (int candidate = 0; candidate < 10; candidate++) {
            String c = String.format("%06d", candidate * 111_111);
            boolean used = false;
            for (long s = step - 2; s <= step + 2; s++) {
                used |= c.equals(codeForStep(base32Secret, s));
            }
            if (!used) {
                return c;
            }
        }
        throw new AssertionError("no wrong code found");
    }

    static String codeForStep(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[h.length - 1] & 0x0f;
            int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format("%06d", bin % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] decode(String base32) {
        ByteBuffer out = ByteBuffer.allocate(base32.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char ch : base32.toCharArray()) {
            int v = ALPHABET.indexOf(ch);
            if (v < 0) {
                throw new IllegalArgumentException("not base32: " + ch);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
