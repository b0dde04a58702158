package dev.wharf.identity.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** Fresh public keys in OpenSSH's one-line format, made with the JDK, for tests. */
public final class TestSshKeys {
    private TestSshKeys() {
    }

    public static String rsa(int bits) {
        RSAPublicKey k = (RSAPublicKey) generate("RSA", bits);
        return line("ssh-rsa", w -> {
            mpint(w, k.getPublicExponent());
            mpint(w, k.getModulus());
        });
    }

    public static String ed25519() {
        byte[] x509 = generate("Ed25519", 0).getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        return line("ssh-ed25519", w -> string(w, raw));
    }

    public static String ecdsa(int size) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp" + size + "r1"));
            ECPublicKey k = (ECPublicKey) g.generateKeyPair().getPublic();
            int n = (size + 7) / 8;
            byte[] q = new byte[1 + 2 * n];
            q[0] = 4;
            fixed(k.getW().getAffineX(), q, 1, n);
            fixed(k.getW().getAffineY(), q, 1 + n, n);
            return line("ecdsa-sha2-nistp" + size, w -> {
                string(w, ("nistp" + size).getBytes(StandardCharsets.US_ASCII));
                string(w, q);
            });
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    public static String dsa() {
        DSAPublicKey k = (DSAPublicKey) generate("DSA", 2048);
        return line("ssh-dss", w -> {
            mpint(w, k.getParams().getP());
            mpint(w, k.getParams().getQ());
            mpint(w, k.getParams().getG());
            mpint(w, k.getY());
        });
    }

    private static java.security.PublicKey generate(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                g.initialize(bits);
            }
            return g.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private interface Body {
        void write(DataOutputStream w) throws IOException;
    }

    private static String line(String type, Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream w = new DataOutputStream(bytes);
            string(w, type.getBytes(StandardCharsets.US_ASCII));
            body.write(w);
            return type + " " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " test@wharf";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void string(DataOutputStream w, byte[] b) throws IOException {
        w.writeInt(b.length);
        w.write(b);
    }

    private static void mpint(DataOutputStream w, BigInteger v) throws IOException {
        string(w, v.toByteArray());
    }

    private static void fixed(BigInteger v, byte[] out, int offset, int n) {
        byte[] b = v.toByteArray();
        int start = Math.max(0, b.length - n);
        int len = b.length - start;
        System.arraycopy(b, start, out, offset + n - len, len);
    }
}
