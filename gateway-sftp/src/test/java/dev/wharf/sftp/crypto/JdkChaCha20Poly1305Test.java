package dev.wharf.sftp.crypto;

import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The JDK-backed cipher against SSHD's own implementation, packet by packet ({@link Poly1305Test}: the MAC alone). */
class JdkChaCha20Poly1305Test {
    @Test
    void packetsEncryptedByEitherDecryptWithTheOther() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        byte[] key = bytes(rnd, 64);
        byte[] iv = new byte[8];
        iv[7] = 3; // SSHD passes the sequence number, which is not 0 after the key exchange
        Cipher oursOut = new JdkChaCha20Poly1305();
        Cipher theirsIn = new ChaCha20Cipher();
        Cipher theirsOut = new ChaCha20Cipher();
        Cipher oursIn = new JdkChaCha20Poly1305();
        oursOut.init(Cipher.Mode.Encrypt, key, iv.clone());
        theirsIn.init(Cipher.Mode.Decrypt, key, iv.clone());
        theirsOut.init(Cipher.Mode.Encrypt, key, iv.clone());
        oursIn.init(Cipher.Mode.Decrypt, key, iv.clone());
        for (int i = 0; i < 200; i++) {
            int length = i % 10 == 0 ? 32768 + 8 : 8 * rnd.nextInt(1, 300);
            byte[] plain = bytes(rnd, 4 + length);
            byte[] a = Arrays.copyOf(plain, plain.length + 16);
            byte[] b = a.clone();
            oursOut.updateWithAAD(a, 0, 4, length);
            theirsOut.updateWithAAD(b, 0, 4, length);
            assertArrayEquals(b, a, "packet " + i + " encrypts identically");
            theirsIn.updateAAD(a, 0, 4);
            theirsIn.update(a, 4, length);
            oursIn.updateAAD(b, 0, 4);
            oursIn.update(b, 4, length);
            assertArrayEquals(Arrays.copyOf(plain, plain.length), Arrays.copyOf(a, plain.length));
            assertArrayEquals(Arrays.copyOf(plain, plain.length), Arrays.copyOf(b, plain.length));
        }
    }

    @Test
    void aTamperedPacketIsRefused() throws Exception {
        byte[] key = bytes(new SplittableRandom(1), 64);
        Cipher out = new JdkChaCha20Poly1305();
        Cipher in = new JdkChaCha20Poly1305();
        out.init(Cipher.Mode.Encrypt, key, new byte[8]);
        in.init(Cipher.Mode.Decrypt, key, new byte[8]);
        byte[] packet = new byte[4 + 64 + 16];
        out.updateWithAAD(packet, 0, 4, 64);
        packet[10] ^= 1;
        in.updateAAD(packet, 0, 4);
        assertThrows(AEADBadTagException.class, () -> in.update(packet, 4, 64));
    }

    private static byte[] bytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
