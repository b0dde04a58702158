package dev.wharf.identity.sshkey;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * A public key in OpenSSH's one-line format ({@code <type> <base64 blob> [comment]}), checked: the blob must
 * parse as the type it claims, RSA needs at least 2048 bits, DSA and unknown types are refused.
 *
 * @param blob the key in SSH wire format: what fingerprints and comparisons use
 */
public record OpenSshKey(String type, byte[] blob, int bits, String comment) {
    /** Smallest RSA modulus accepted. */
    public static final int MIN_RSA_BITS = 2048;
    private static final int MAX_LINE = 16_384;
    private static final Map<String, Integer> ECDSA = Map.of(
            "ecdsa-sha2-nistp256", 256, "ecdsa-sha2-nistp384", 384, "ecdsa-sha2-nistp521", 521);

    /** Parses and checks a line; {@link IllegalArgumentException} says what is wrong with it. */
    public static OpenSshKey parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("publicKey is required: one line as in id_ed25519.pub");
        }
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("publicKey is too long");
        }
        String[] parts = line.strip().split("\\s+", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("publicKey must be '<type> <base64> [comment]', as in id_ed25519.pub");
        }
        String type = parts[0];
        if (type.equals("ssh-dss")) {
            throw new IllegalArgumentException("DSA keys are not accepted: use ssh-ed25519, ECDSA or RSA (2048 bits "
                    + "or more)");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("publicKey's key data is not base64");
        }
        String comment = parts.length == 3 ? parts[2].strip() : "";
        if (comment.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("publicKey's comment must not contain control characters");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob))) {
            String inner = new String(string(in), StandardCharsets.US_ASCII);
            if (!inner.equals(type)) {
                throw new IllegalArgumentException("publicKey says " + printable(type) + " but its data is "
                        + printable(inner));
            }
            int bits = switch (type) {
                case "ssh-ed25519" -> {
                    if (string(in).length != 32) {
                        throw new IllegalArgumentException("ssh-ed25519 key data must hold 32 bytes");
                    }
                    yield 256;
                }
                case "ssh-rsa" -> {
                    BigInteger e = new BigInteger(string(in));
                    BigInteger n = new BigInteger(string(in));
                    if (e.signum() <= 0 || n.signum() <= 0) {
                        throw new IllegalArgumentException("ssh-rsa key data is not a valid RSA key");
                    }
                    if (n.bitLength() < MIN_RSA_BITS) {
                        throw new IllegalArgumentException("RSA keys need at least " + MIN_RSA_BITS + " bits; this "
                                + "one has " + n.bitLength());
                    }
                    yield n.bitLength();
                }
                default -> {
                    Integer size = ECDSA.get(type);
                    if (size == null) {
                        throw new IllegalArgumentException("unsupported key type " + printable(type) + ": use "
                                + "ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa");
                    }
                    String curve = new String(string(in), StandardCharsets.US_ASCII);
                    byte[] q = string(in);
                    int coordinate = (size + 7) / 8;
                    if (!type.endsWith(curve) || q.length != 1 + 2 * coordinate || q[0] != 4) {
                        throw new IllegalArgumentException(type + " key data is not a valid uncompressed point");
                    }
                    yield size;
                }
            };
            if (in.available() != 0) {
                throw new IllegalArgumentException("publicKey's data has trailing bytes");
            }
            return new OpenSshKey(type, blob, bits, comment);
        } catch (IOException e) {
            throw new IllegalArgumentException("publicKey's data is truncated");
        }
    }

    /** OpenSSH's fingerprint: {@code SHA256:} and unpadded base64 of the blob's SHA-256. */
    public String fingerprint() {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256());
    }

    /** The fingerprint in URL-safe base64: the key's id in the admin API's paths. */
    public String id() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256());
    }

    /** The canonical line: type, base64 and comment, single spaces. */
    public String line() {
        String base = type + " " + Base64.getEncoder().encodeToString(blob);
        return comment.isEmpty() ? base : base + " " + comment;
    }

    private byte[] sha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(blob);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] string(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > in.available()) {
            throw new IOException("truncated");
        }
        return in.readNBytes(len);
    }

    private static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
