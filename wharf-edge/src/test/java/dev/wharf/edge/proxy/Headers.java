package dev.wharf.edge.proxy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** PROXY headers as balancers write them, for the tests. */
final class Headers {
    private Headers() {
    }

    static byte[] v1(String source, int sourcePort, String destination, int destinationPort) {
        String family = source.contains(":") ? "TCP6" : "TCP4";
        return ("PROXY " + family + " " + source + " " + destination + " " + sourcePort + " " + destinationPort
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 PROXY header over TCP with a 7-byte TLV (AWS's VPC endpoint id is one such). */
    static byte[] v2(String source, int sourcePort, String destination, int destinationPort) throws Exception {
        byte[] s = InetAddress.getByName(source).getAddress();
        byte[] d = InetAddress.getByName(destination).getAddress();
        byte[] tlv = {(byte) 0xEA, 0, 4, 'v', 'p', 'c', 'e'};
        int payload = 2 * s.length + 4 + tlv.length;
        ByteBuffer b = ByteBuffer.allocate(16 + payload);
        b.put(ProxyHeaderDecoder.V2_SIGNATURE).put((byte) 0x21).put((byte) (s.length == 4 ? 0x11 : 0x21))
                .putShort((short) payload).put(s).put(d).putShort((short) sourcePort).putShort((short) destinationPort)
                .put(tlv);
        return b.array();
    }

    static byte[] v2Local() {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put(ProxyHeaderDecoder.V2_SIGNATURE).put((byte) 0x20).put((byte) 0).putShort((short) 0);
        return b.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
