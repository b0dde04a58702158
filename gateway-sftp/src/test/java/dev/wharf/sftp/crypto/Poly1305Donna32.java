package dev.wharf.sftp.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The Poly1305 of sessions 2-8 (RFC 8439 §2.5, 26-bit limbs, "donna-32"), kept as the reference the faster
 * {@link Poly1305} is cross-checked against and measured beside ({@link CipherCost}): its block and final-reduction
 * arithmetic unchanged, its incremental buffering replaced by one call per message.
 */
final class Poly1305Donna32 {
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M26 = 0x3ffffff;

    private long r0, r1, r2, r3, r4, s1, s2, s3, s4;
    private long pad0, pad1, pad2, pad3;
    private long h0, h1, h2, h3, h4;
    private final byte[] last = new byte[16];

    /** Writes the tag of {@code length} bytes of {@code msg} from {@code offset} under {@code key} at {@code out[0]}. */
    void tag(byte[] key, byte[] msg, int offset, int length, byte[] out) {
        r0 = u32(key, 0) & 0x3ffffff;
        r1 = (u32(key, 3) >>> 2) & 0x3ffff03;
        r2 = (u32(key, 6) >>> 4) & 0x3ffc0ff;
        r3 = (u32(key, 9) >>> 6) & 0x3f03fff;
        r4 = (u32(key, 12) >>> 8) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        pad0 = u32(key, 16);
        pad1 = u32(key, 20);
        pad2 = u32(key, 24);
        pad3 = u32(key, 28);
        h0 = h1 = h2 = h3 = h4 = 0;
        int whole = length & ~15;
        blocks(msg, offset, whole, 1 << 24);
        int rest = length - whole;
        if (rest > 0) { // the last partial block: 0x01 after it, then zeros, and no 2^128 bit
            Arrays.fill(last, (byte) 0);
            System.arraycopy(msg, offset + whole, last, 0, rest);
            last[rest] = 1;
            blocks(last, 0, 16, 0);
        }
        finish(out, 0);
    }

    private void finish(byte[] out, int offset) {
        long c;
        c = h1 >>> 26; h1 &= M26; h2 += c;
        c = h2 >>> 26; h2 &= M26; h3 += c;
        c = h3 >>> 26; h3 &= M26; h4 += c;
        c = h4 >>> 26; h4 &= M26; h0 += c * 5;
        c = h0 >>> 26; h0 &= M26; h1 += c;
        // h - p: keep it when it does not borrow (h >= p)
        long g0 = h0 + 5; c = g0 >>> 26; g0 &= M26;
        long g1 = h1 + c; c = g1 >>> 26; g1 &= M26;
        long g2 = h2 + c; c = g2 >>> 26; g2 &= M26;
        long g3 = h3 + c; c = g3 >>> 26; g3 &= M26;
        long g4 = h4 + c - (1L << 26);
        long keepG = (g4 >> 63) + 1; // 1 when g4 >= 0
        long mg = -keepG, mh = ~mg;
        long f0 = (h0 & mh) | (g0 & mg), f1 = (h1 & mh) | (g1 & mg), f2 = (h2 & mh) | (g2 & mg);
        long f3 = (h3 & mh) | (g3 & mg), f4 = (h4 & mh) | (g4 & mg);
        long w0 = (f0 | (f1 << 26)) & 0xffffffffL;
        long w1 = ((f1 >>> 6) | (f2 << 20)) & 0xffffffffL;
        long w2 = ((f2 >>> 12) | (f3 << 14)) & 0xffffffffL;
        long w3 = ((f3 >>> 18) | (f4 << 8)) & 0xffffffffL;
        long f = w0 + pad0;
        LE_INT.set(out, offset, (int) f);
        f = w1 + pad1 + (f >>> 32);
        LE_INT.set(out, offset + 4, (int) f);
        f = w2 + pad2 + (f >>> 32);
        LE_INT.set(out, offset + 8, (int) f);
        f = w3 + pad3 + (f >>> 32);
        LE_INT.set(out, offset + 12, (int) f);
    }

    private void blocks(byte[] m, int offset, int length, long hibit) {
        long a0 = h0, a1 = h1, a2 = h2, a3 = h3, a4 = h4;
        final long b0 = r0, b1 = r1, b2 = r2, b3 = r3, b4 = r4, t1 = s1, t2 = s2, t3 = s3, t4 = s4;
        for (int end = offset + length; offset < end; offset += 16) {
            a0 += u32(m, offset) & M26;
            a1 += (u32(m, offset + 3) >>> 2) & M26;
            a2 += (u32(m, offset + 6) >>> 4) & M26;
            a3 += (u32(m, offset + 9) >>> 6) & M26;
            a4 += (u32(m, offset + 12) >>> 8) | hibit;
            long d0 = a0 * b0 + a1 * t4 + a2 * t3 + a3 * t2 + a4 * t1;
            long d1 = a0 * b1 + a1 * b0 + a2 * t4 + a3 * t3 + a4 * t2;
            long d2 = a0 * b2 + a1 * b1 + a2 * b0 + a3 * t4 + a4 * t3;
            long d3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 + a4 * t4;
            long d4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
            long c = d0 >>> 26; a0 = d0 & M26;
            d1 += c; c = d1 >>> 26; a1 = d1 & M26;
            d2 += c; c = d2 >>> 26; a2 = d2 & M26;
            d3 += c; c = d3 >>> 26; a3 = d3 & M26;
            d4 += c; c = d4 >>> 26; a4 = d4 & M26;
            a0 += c * 5; c = a0 >>> 26; a0 &= M26;
            a1 += c;
        }
        h0 = a0; h1 = a1; h2 = a2; h3 = a3; h4 = a4;
    }

    private static long u32(byte[] b, int offset) {
        return ((int) LE_INT.get(b, offset)) & 0xffffffffL;
    }
}
