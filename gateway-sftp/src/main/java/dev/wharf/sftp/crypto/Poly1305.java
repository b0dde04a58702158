package dev.wharf.sftp.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Poly1305 one-time authenticator (RFC 8439 §2.5) in three limbs of 44, 44 and 42 bits ("donna-64"), the 128-bit
 * products split by {@link Math#unsignedMultiplyHigh}. Constant-time: no branch or index depends on key or data.
 *
 * <p>Ours because the JDK keeps its (intrinsified) Poly1305 internal to {@code java.base}, and SSHD's own unpacks
 * every block byte by byte and buffers every byte. Whole blocks are read straight from the caller's array; only a
 * trailing partial block is buffered; nothing is allocated after construction.
 */
final class Poly1305 {
    static final int KEY_BYTES = 32;
    static final int TAG_BYTES = 16;
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M44 = (1L << 44) - 1;
    private static final long M42 = (1L << 42) - 1;
    private static final long HIBIT = 1L << 40; // 2^128 in the top limb (bit 128 - 88)

    // r and r², 20·r and 20·r² (a product's part past 2^130 wraps to ·5, and lands 2^4 higher: ·4), and copies
    // shifted so that the high word of a 64x64 product is that product >> 44, the carry into the next limb (blocks)
    private long r0, r1, r2, s1, s2, r0h, r1h, r2h, s2h;
    private long q0, q1, q2, u1, u2, q0h, q1h, q2h, u2h;
    private long pad0, pad1;
    private long h0, h1, h2;
    private final byte[] partial = new byte[16];
    private int partialLength;

    /** Starts a new message under a new one-time key (32 bytes from {@code offset}). */
    void init(byte[] key, int offset) {
        long t0 = le64(key, offset);
        long t1 = le64(key, offset + 8);
        r0 = limb0(t0) & 0xffc0fffffffL; // clamped (RFC 8439 §2.5.1)
        r1 = limb1(t0, t1) & 0xfffffc0ffffL;
        r2 = limb2(t1, 0) & 0x00ffffffc0fL;
        s1 = r1 * 20;
        s2 = r2 * 20;
        r0h = r0 << 20;
        r1h = r1 << 20;
        r2h = r2 << 20;
        s2h = s2 << 20;
        pad0 = le64(key, offset + 16);
        pad1 = le64(key, offset + 24);
        squareR();
        partialLength = 0;
    }

    /** r² from one pass of {@link #blocks} over r itself (while r² is 0 a single block is (0 + r) · r). */
    private void squareR() {
        q0 = q1 = q2 = u1 = u2 = q0h = q1h = q2h = u2h = 0;
        h0 = h1 = h2 = 0;
        LE_LONG.set(partial, 0, r0 | (r1 << 44));
        LE_LONG.set(partial, 8, (r1 >>> 20) | (r2 << 24));
        blocks(partial, 0, 16, 0);
        long c = h1 >>> 44; // below 2^44 so that q1 · 2^20 fits in 64 bits
        q0 = h0;
        q1 = h1 & M44;
        q2 = h2 + c;
        u1 = q1 * 20;
        u2 = q2 * 20;
        q0h = q0 << 20;
        q1h = q1 << 20;
        q2h = q2 << 20;
        u2h = u2 << 17; // u2 < 2^47: shifted 17 here and the limb it multiplies 3 (blocks)
        h0 = h1 = h2 = 0;
    }

    void update(byte[] data, int offset, int length) {
        if (partialLength > 0) {
            int take = Math.min(16 - partialLength, length);
            System.arraycopy(data, offset, partial, partialLength, take);
            partialLength += take;
            offset += take;
            length -= take;
            if (partialLength < 16) {
                return;
            }
            blocks(partial, 0, 16, HIBIT);
            partialLength = 0;
        }
        int whole = length & ~15;
        if (whole > 0) {
            blocks(data, offset, whole, HIBIT);
        }
        int rest = length - whole;
        if (rest > 0) {
            System.arraycopy(data, offset + whole, partial, 0, rest);
            partialLength = rest;
        }
    }

    /** Writes the 16-byte tag at {@code out[offset]}; {@link #init} must be called before the next message. */
    void finish(byte[] out, int offset) {
        if (partialLength > 0) {
            partial[partialLength] = 1;
            for (int i = partialLength + 1; i < 16; i++) {
                partial[i] = 0;
            }
            blocks(partial, 0, 16, 0);
            partialLength = 0;
        }
        long a0 = h0, a1 = h1, a2 = h2, c;
        // carry fully (twice round: the wrap 2^130 = 5 can carry again), then h < 2^130
        c = a1 >>> 44; a1 &= M44; a2 += c;
        c = a2 >>> 42; a2 &= M42; a0 += c * 5;
        c = a0 >>> 44; a0 &= M44; a1 += c;
        c = a1 >>> 44; a1 &= M44; a2 += c;
        c = a2 >>> 42; a2 &= M42; a0 += c * 5;
        c = a0 >>> 44; a0 &= M44; a1 += c;
        // g = h + 5 - 2^130 = h - p: keep it when it does not borrow (h >= p)
        long g0 = a0 + 5; c = g0 >>> 44; g0 &= M44;
        long g1 = a1 + c; c = g1 >>> 44; g1 &= M44;
        long g2 = a2 + c - (1L << 42);
        long mg = (g2 >>> 63) - 1; // all ones when g2 >= 0
        long mh = ~mg;
        a0 = (a0 & mh) | (g0 & mg);
        a1 = (a1 & mh) | (g1 & mg);
        a2 = (a2 & mh) | (g2 & mg);
        // + s, mod 2^128
        a0 += limb0(pad0); c = a0 >>> 44; a0 &= M44;
        a1 += limb1(pad0, pad1) + c; c = a1 >>> 44; a1 &= M44;
        a2 += limb2(pad1, 0) + c;
        LE_LONG.set(out, offset, a0 | (a1 << 44));
        LE_LONG.set(out, offset + 8, (a1 >>> 20) | (a2 << 24));
    }

    /**
     * h = (h + block) · r mod 2^130 - 5 for each 16-byte block, two blocks per step: h = (h + m1) · r² + m2 · r, so
     * that the second product does not wait for the first (a lone block is (0 + 0) · r² + (h + m) · r). Each limb
     * product a·b (below 2^94) is taken as its low 44 bits, {@code (a * b) & M44}, and the rest,
     * {@code unsignedMultiplyHigh(a << i, b << j)} with i + j = 20, which is (a·b) >> 44: sums of six that fit in a
     * long, with no carry to detect. The shifts keep both operands below 2^64 given the bounds after a block is
     * added: limbs 0 and 1 below 2^45 + 2^13, limb 2 below 2^43 (r² limbs: 2^44, 2^44, 2^42 + 1).
     * {@code length} is a positive multiple of 16; the first step's path depends on it only.
     */
    private void blocks(byte[] m, int offset, int length, long hibit) {
        long a0 = h0, a1 = h1, a2 = h2;
        final long b0 = r0, b1 = r1, b2 = r2, t1 = s1, t2 = s2, b0h = r0h, b1h = r1h, b2h = r2h, t2h = s2h;
        final long e0 = q0, e1 = q1, e2 = q2, v1 = u1, v2 = u2, e0h = q0h, e1h = q1h, e2h = q2h, v2h = u2h;
        final int end = offset + length;
        // the first step takes the lone block of an odd count, every other step a pair. The pair loading is written
        // twice, here and at the loop's end: with a branch inside the loop instead, C2 made it 20 % slower
        long x0, x1, x2, y0, y1, y2; // x = h + m1 (times r²), y = m2 (times r)
        long m0 = le64(m, offset);
        long m1 = le64(m, offset + 8);
        if ((length & 16) != 0) {
            x0 = x1 = x2 = 0;
            y0 = a0 + limb0(m0);
            y1 = a1 + limb1(m0, m1);
            y2 = a2 + limb2(m1, hibit);
            offset += 16;
        } else {
            x0 = a0 + limb0(m0);
            x1 = a1 + limb1(m0, m1);
            x2 = a2 + limb2(m1, hibit);
            m0 = le64(m, offset + 16);
            m1 = le64(m, offset + 24);
            y0 = limb0(m0);
            y1 = limb1(m0, m1);
            y2 = limb2(m1, hibit);
            offset += 32;
        }
        while (true) {
            long x1s = x1 << 3, x2h = x2 << 20, y2h = y2 << 20;
            // d0 = x0·q0 + x1·20q2 + x2·20q1 + y0·r0 + y1·20r2 + y2·20r1
            long lo0 = ((x0 * e0) & M44) + ((x1 * v2) & M44) + ((x2 * v1) & M44)
                    + ((y0 * b0) & M44) + ((y1 * t2) & M44) + ((y2 * t1) & M44);
            long hi0 = Math.unsignedMultiplyHigh(x0, e0h) + Math.unsignedMultiplyHigh(x1s, v2h)
                    + Math.unsignedMultiplyHigh(x2h, v1) + Math.unsignedMultiplyHigh(y0, b0h)
                    + Math.unsignedMultiplyHigh(y1, t2h) + Math.unsignedMultiplyHigh(y2h, t1);
            // d1 = x0·q1 + x1·q0 + x2·20q2 + y0·r1 + y1·r0 + y2·20r2
            long lo1 = ((x0 * e1) & M44) + ((x1 * e0) & M44) + ((x2 * v2) & M44)
                    + ((y0 * b1) & M44) + ((y1 * b0) & M44) + ((y2 * t2) & M44);
            long hi1 = Math.unsignedMultiplyHigh(x0, e1h) + Math.unsignedMultiplyHigh(x1, e0h)
                    + Math.unsignedMultiplyHigh(x2h, v2) + Math.unsignedMultiplyHigh(y0, b1h)
                    + Math.unsignedMultiplyHigh(y1, b0h) + Math.unsignedMultiplyHigh(y2h, t2);
            // d2 = x0·q2 + x1·q1 + x2·q0 + y0·r2 + y1·r1 + y2·r0
            long lo2 = ((x0 * e2) & M44) + ((x1 * e1) & M44) + ((x2 * e0) & M44)
                    + ((y0 * b2) & M44) + ((y1 * b1) & M44) + ((y2 * b0) & M44);
            long hi2 = Math.unsignedMultiplyHigh(x0, e2h) + Math.unsignedMultiplyHigh(x1, e1h)
                    + Math.unsignedMultiplyHigh(x2h, e0) + Math.unsignedMultiplyHigh(y0, b2h)
                    + Math.unsignedMultiplyHigh(y1, b1h) + Math.unsignedMultiplyHigh(y2h, b0);
            // carry: d = lo + hi·2^44, limbs of 44, 44 and 42 bits, 2^130 wraps to 5
            a0 = lo0 & M44;
            long c = hi0 + (lo0 >>> 44);
            lo1 += c;
            a1 = lo1 & M44;
            c = hi1 + (lo1 >>> 44);
            lo2 += c;
            a2 = lo2 & M42;
            c = (hi2 << 2) + (lo2 >>> 42);
            a0 += c * 5;
            c = a0 >>> 44;
            a0 &= M44;
            a1 += c;
            if (offset >= end) {
                break;
            }
            m0 = le64(m, offset);
            m1 = le64(m, offset + 8);
            x0 = a0 + limb0(m0);
            x1 = a1 + limb1(m0, m1);
            x2 = a2 + limb2(m1, hibit);
            m0 = le64(m, offset + 16);
            m1 = le64(m, offset + 24);
            y0 = limb0(m0);
            y1 = limb1(m0, m1);
            y2 = limb2(m1, hibit);
            offset += 32;
        }
        h0 = a0; h1 = a1; h2 = a2;
    }

    /** Bits 0-43 of the 128-bit little-endian number (lo, hi). */
    private static long limb0(long lo) {
        return lo & M44;
    }

    /** Bits 44-87. */
    private static long limb1(long lo, long hi) {
        return ((lo >>> 44) | (hi << 20)) & M44;
    }

    /** Bits 88-127, plus the block's 2^128 bit when {@code hibit} has it. */
    private static long limb2(long hi, long hibit) {
        return (hi >>> 24) | hibit;
    }

    private static long le64(byte[] b, int offset) {
        return (long) LE_LONG.get(b, offset);
    }
}
