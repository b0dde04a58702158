package dev.wharf.edge.proxy;

import java.util.Arrays;

/**
 * Incremental decoding for transports that hand over each read once (a MINA filter): {@link #feed} the bytes as
 * they arrive and get the decoder's answer on everything received so far; once decided, {@link #rest} gives the
 * bytes after the header, which belong to the protocol. Bounded: it never holds more than a header's worth.
 */
public final class ProxyHeaderReader {
    private static final int MAX = 16 + ProxyHeaderDecoder.V2_MAX_PAYLOAD;
    private byte[] bytes = new byte[64];
    private int length;

    /** Appends {@code n} bytes of {@code data} from {@code offset} and decodes everything received so far. */
    public ProxyHeaderDecoder.Result feed(byte[] data, int offset, int n) {
        if (length + n > bytes.length) {
            // bytes past the largest header are never needed to decide, but are kept to pass on as the rest
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
        System.arraycopy(data, offset, bytes, length, n);
        length += n;
        return ProxyHeaderDecoder.decode(bytes, 0, Math.min(length, MAX));
    }

    /** Whether the bytes so far are, or could still become, a header's start (see the decoder). */
    public boolean startsLikeHeader() {
        return ProxyHeaderDecoder.startsLikeHeader(bytes, length);
    }

    /** Whether enough bytes arrived to know whether they start like a header. */
    public boolean signatureComplete() {
        return length >= ProxyHeaderDecoder.signatureLength(bytes, length);
    }

    /** The bytes received after the first {@code headerLength} (0: all of them); the reader is spent after. */
    public byte[] rest(int headerLength) {
        byte[] rest = Arrays.copyOfRange(bytes, headerLength, length);
        bytes = new byte[0];
        length = 0;
        return rest;
    }

    /** Bytes held. */
    public int length() {
        return length;
    }
}
