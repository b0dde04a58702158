package dev.wharf.sftp.crypto;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;

import javax.crypto.AEADBadTagException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * {@code chacha20-poly1305@openssh.com} (OpenSSH's PROTOCOL.chacha20poly1305) on the JDK's ChaCha20, which HotSpot
 * runs as a vectorised intrinsic, instead of SSHD's pure-Java engine (half the gateway's CPU time in a profiled
 * transfer; OpenSSH clients pick this cipher first). Same contract as SSHD's {@code ChaCha20Cipher}: SSHD passes the
 * packet sequence number as the 8-byte IV, {@link #updateAAD} en/decrypts the 4-byte length in place,
 * {@link #update} en/decrypts the rest and appends (encrypt) or checks (decrypt) the tag after it.
 *
 * <p>OpenSSH's ChaCha20 is the original one (64-bit counter, 64-bit nonce = sequence number, big-endian); the JDK's
 * is RFC 8439's (32-bit counter, 96-bit nonce). Both lay out the same 16 state words, so nonce bytes
 * {@code 0,0,0,0 || seqnr} with a 32-bit counter give the same key stream as long as the counter's high word stays
 * 0 (packets are far below 256 GiB).
 */
public final class JdkChaCha20Poly1305 implements Cipher {
    /** The name SSHD negotiates. */
    public static final String NAME = "chacha20-poly1305@openssh.com";

    /** A factory for {@link org.apache.sshd.server.SshServer#setCipherFactories}. */
    public static final NamedFactory<Cipher> FACTORY = new NamedFactory<>() {
        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public Cipher create() {
            return new JdkChaCha20Poly1305();
        }
    };

    private static final byte[] ZERO_BLOCK = new byte[64];

    private final javax.crypto.Cipher body;
    private final javax.crypto.Cipher header;
    private final Poly1305 mac = new Poly1305();
    private final byte[] polyKey = new byte[64];
    private final byte[] nonce = new byte[12];
    private final byte[] tag = new byte[Poly1305.TAG_BYTES];
    private SecretKeySpec bodyKey;
    private SecretKeySpec headerKey;
    private Mode mode;
    private long sequence;
    private long initialSequence;

    /** Uses the JDK's own provider (SunJCE): a provider registered first (Bouncy Castle) has no intrinsic. */
    public JdkChaCha20Poly1305() {
        try {
            body = javax.crypto.Cipher.getInstance("ChaCha20", "SunJCE");
            header = javax.crypto.Cipher.getInstance("ChaCha20", "SunJCE");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no ChaCha20 in SunJCE", e);
        }
    }

    @Override
    public String getAlgorithm() {
        return "ChaCha20"; // SSHD passes the sequence number as IV to ciphers whose algorithm starts with "ChaCha"
    }

    @Override
    public String getTransformation() {
        return "ChaCha20";
    }

    @Override
    public int getIVSize() {
        return 8;
    }

    @Override
    public int getAuthenticationTagSize() {
        return Poly1305.TAG_BYTES;
    }

    @Override
    public int getCipherBlockSize() {
        return 8;
    }

    @Override
    public int getKdfSize() {
        return 64;
    }

    @Override
    public int getKeySize() {
        return 256;
    }

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) throws Exception {
        this.mode = mode;
        bodyKey = new SecretKeySpec(key, 0, 32, "ChaCha20");
        headerKey = new SecretKeySpec(key, 32, 32, "ChaCha20");
        sequence = 0;
        for (int i = 0; i < 8; i++) {
            sequence = (sequence << 8) | (iv[i] & 0xff);
        }
        initialSequence = sequence;
        startPacket();
    }

    @Override
    public void updateAAD(byte[] data, int offset, int length) throws Exception {
        if (mode == null) {
            throw new IllegalStateException("Cipher not initialized");
        }
        if (length != 4) {
            throw new IllegalArgumentException("AAD only supported for encrypted packet length");
        }
        if (mode == Mode.Decrypt) {
            mac.update(data, offset, length);
        }
        header.update(data, offset, length, data, offset);
        if (mode == Mode.Encrypt) {
            mac.update(data, offset, length);
        }
    }

    @Override
    public void update(byte[] input, int offset, int length) throws Exception {
        if (mode == null) {
            throw new IllegalStateException("Cipher not initialized");
        }
        if (mode == Mode.Decrypt) {
            mac.update(input, offset, length);
            mac.finish(tag, 0);
            if (!tagMatches(input, offset + length)) {
                throw new AEADBadTagException("Tag mismatch");
            }
        }
        if (length > 0) {
            body.update(input, offset, length, input, offset);
        }
        if (mode == Mode.Encrypt) {
            mac.update(input, offset, length);
            mac.finish(input, offset + length);
        }
        sequence++;
        if (sequence == initialSequence) {
            throw new IllegalStateException("Packet sequence number cannot be reused with the same key");
        }
        startPacket();
    }

    /** Constant-time comparison with the tag the peer sent. */
    private boolean tagMatches(byte[] packet, int at) {
        int diff = 0;
        for (int i = 0; i < tag.length; i++) {
            diff |= tag[i] ^ packet[at + i];
        }
        return diff == 0;
    }

    /**
     * Keys the two streams for the current sequence number. Block 0 of the body stream is the Poly1305 key, so the
     * body stream is left at block 1, where the payload starts. DECRYPT_MODE in both directions: the JDK refuses a
     * repeated key and nonce in ENCRYPT_MODE, and for a stream cipher both modes are the same XOR.
     */
    private void startPacket() throws GeneralSecurityException {
        long s = sequence;
        for (int i = 11; i >= 4; i--) {
            nonce[i] = (byte) s;
            s >>>= 8;
        }
        header.init(javax.crypto.Cipher.DECRYPT_MODE, headerKey, new ChaCha20ParameterSpec(nonce, 0));
        body.init(javax.crypto.Cipher.DECRYPT_MODE, bodyKey, new ChaCha20ParameterSpec(nonce, 0));
        body.update(ZERO_BLOCK, 0, 64, polyKey, 0);
        mac.init(polyKey, 0);
    }
}
