package dev.wharf.sftp.crypto;

import org.apache.sshd.common.mac.Poly1305Mac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Poly1305} against RFC 8439's vectors (§2.5.2 and all of appendix A.3, which aim at the carries and the final
 * reduction), and against three other implementations on random keys, lengths and splits: the arithmetic of the
 * RFC in {@link BigInteger}, the sessions 2-8 donna-32 one and SSHD's.
 */
class Poly1305Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger P = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
    private static final BigInteger CLAMP = new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16);
    private static final String IETF = "Any submission to the IETF intended by the Contributor for publication as all or"
            + " part of an IETF Internet-Draft or RFC and any statement made within the context of an IETF activity is"
            + " considered an \"IETF Contribution\". Such statements include oral statements in IETF sessions, as well"
            + " as written and electronic communications made at any time or place, which are addressed to";

    @Test
    void matchesRfc8439Section252() {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] msg = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        Poly1305 p = new Poly1305();
        p.init(key, 0);
        p.update(msg, 0, 5); // split on purpose: partial blocks are buffered
        p.update(msg, 5, msg.length - 5);
        byte[] tag = new byte[16];
        p.finish(tag, 0);
        assertEquals("a8061dc1305136c6c22b8baf0c0127a9", HEX.formatHex(tag));
    }

    /** RFC 8439 appendix A.3, vectors 1-11 (2 and 3 authenticate the IETF text, "IETF" here). */
    @ParameterizedTest(name = "A.3 #{0}")
    @CsvSource({
            "1, 0000000000000000000000000000000000000000000000000000000000000000, "
                    + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000, "
                    + "00000000000000000000000000000000",
            "2, 0000000000000000000000000000000036e5f6b5c5e06070f0efca96227a863e, IETF, "
                    + "36e5f6b5c5e06070f0efca96227a863e",
            "3, 36e5f6b5c5e06070f0efca96227a863e00000000000000000000000000000000, IETF, "
                    + "f3477e7cd95417af89a6b8794c310cf0",
            "4, 1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0, "
                    + "2754776173206272696c6c69672c20616e642074686520736c6974687920746f7665730a446964206779726520616e"
                    + "642067696d626c6520696e2074686520776162653a0a416c6c206d696d737920776572652074686520626f726f676f"
                    + "7665732c0a416e6420746865206d6f6d65207261746873206f757467726162652e, "
                    + "4541669a7eaaee61e708dc7cbcc5eb62",
            "5, 0200000000000000000000000000000000000000000000000000000000000000, "
                    + "ffffffffffffffffffffffffffffffff, 03000000000000000000000000000000",
            "6, 02000000000000000000000000000000ffffffffffffffffffffffffffffffff, "
                    + "02000000000000000000000000000000, 03000000000000000000000000000000",
            "7, 0100000000000000000000000000000000000000000000000000000000000000, "
                    + "fffffffffffffffffffffffffffffffff0ffffffffffffffffffffffffffffff11000000000000000000000000000000, "
                    + "05000000000000000000000000000000",
            "8, 0100000000000000000000000000000000000000000000000000000000000000, "
                    + "fffffffffffffffffffffffffffffffffbfefefefefefefefefefefefefefefe01010101010101010101010101010101, "
                    + "00000000000000000000000000000000",
            "9, 0200000000000000000000000000000000000000000000000000000000000000, "
                    + "fdffffffffffffffffffffffffffffff, faffffffffffffffffffffffffffffff",
            "10, 0100000000000000040000000000000000000000000000000000000000000000, "
                    + "e33594d7505e43b900000000000000003394d7505e4379cd0100000000000000000000000000000000000000000000000"
                    + "1000000000000000000000000000000, 14000000000000005500000000000000",
            "11, 0100000000000000040000000000000000000000000000000000000000000000, "
                    + "e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000000000000000000000, "
                    + "13000000000000000000000000000000",
    })
    void matchesRfc8439AppendixA3(int vector, String key, String message, String tag) {
        byte[] msg = message.equals("IETF") ? IETF.getBytes(StandardCharsets.US_ASCII) : HEX.parseHex(message);
        assertEquals(tag, HEX.formatHex(ours(HEX.parseHex(key), msg, msg.length)), "vector " + vector);
    }

    @Test
    void matchesTheRfcArithmeticAndTheOldImplementationForManyLengthsKeysAndSplits() {
        SplittableRandom rnd = new SplittableRandom(15);
        Poly1305 reused = new Poly1305(); // one instance for every message: init must reset all state
        Poly1305Donna32 old = new Poly1305Donna32();
        for (int i = 0; i < 3000; i++) {
            byte[] key = extreme(rnd, i, 32);
            int length = i < 1100 ? i : rnd.nextInt(0, 40_000);
            byte[] msg = extreme(rnd, i / 3, length + 7);
            int offset = rnd.nextInt(0, 8); // blocks read at any alignment of the array
            byte[] expected = reference(key, Arrays.copyOfRange(msg, offset, offset + length));

            reused.init(key, 0);
            feedInPieces(rnd, msg, offset, length, reused::update);
            byte[] tag = new byte[16 + 3];
            reused.finish(tag, 3);
            assertArrayEquals(expected, Arrays.copyOfRange(tag, 3, 19), "length " + length + ", round " + i);

            byte[] oldTag = new byte[16];
            old.tag(key, msg, offset, length, oldTag);
            assertArrayEquals(expected, oldTag, "old, length " + length + ", round " + i);
        }
    }

    @Test
    void matchesSshdForManyLengthsAndKeys() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 300; i++) {
            byte[] key = extreme(rnd, i, 32);
            byte[] msg = extreme(rnd, i + 1, rnd.nextInt(0, 600));
            Poly1305Mac theirs = new Poly1305Mac();
            theirs.init(key);
            theirs.update(msg, 0, msg.length);
            assertArrayEquals(theirs.doFinal(), ours(key, msg, msg.length), "message length " + msg.length);
        }
    }

    private static byte[] ours(byte[] key, byte[] msg, int length) {
        Poly1305 p = new Poly1305();
        p.init(key, 0);
        p.update(msg, 0, length);
        byte[] tag = new byte[16];
        p.finish(tag, 0);
        return tag;
    }

    /** RFC 8439 §2.5.1 as written: clamp r, accumulate (a + block‖1) · r mod 2^130 - 5, add s mod 2^128. */
    private static byte[] reference(byte[] key, byte[] msg) {
        BigInteger r = le(Arrays.copyOfRange(key, 0, 16)).and(CLAMP);
        BigInteger s = le(Arrays.copyOfRange(key, 16, 32));
        BigInteger a = BigInteger.ZERO;
        for (int i = 0; i < msg.length; i += 16) {
            byte[] block = Arrays.copyOfRange(msg, i, Math.min(i + 16, msg.length) + 1);
            block[block.length - 1] = 1;
            a = a.add(le(block)).multiply(r).mod(P);
        }
        byte[] big = a.add(s).toByteArray(); // big-endian, maybe with a sign byte
        byte[] tag = new byte[16];
        for (int i = 0; i < 16 && i < big.length; i++) {
            tag[i] = big[big.length - 1 - i];
        }
        return tag;
    }

    private static BigInteger le(byte[] littleEndian) {
        byte[] big = new byte[littleEndian.length + 1];
        for (int i = 0; i < littleEndian.length; i++) {
            big[big.length - 1 - i] = littleEndian[i];
        }
        return new BigInteger(big);
    }

    /** Random bytes; every few rounds all 0xff (the largest limbs, carries everywhere) or all 0x00. */
    private static byte[] extreme(SplittableRandom rnd, int round, int n) {
        byte[] b = new byte[n];
        switch (round % 11) {
            case 3 -> Arrays.fill(b, (byte) 0xff);
            case 7 -> Arrays.fill(b, (byte) 0);
            default -> rnd.nextBytes(b);
        }
        return b;
    }

    private interface Update {
        void update(byte[] data, int offset, int length);
    }

    /** Feeds {@code length} bytes in one to four pieces of random sizes (partial blocks get buffered). */
    private static void feedInPieces(SplittableRandom rnd, byte[] msg, int offset, int length, Update update) {
        int pieces = rnd.nextInt(1, 5);
        for (int p = 1; p < pieces && length > 0; p++) {
            int n = rnd.nextInt(0, length + 1);
            update.update(msg, offset, n);
            offset += n;
            length -= n;
        }
        update.update(msg, offset, length);
    }
}
