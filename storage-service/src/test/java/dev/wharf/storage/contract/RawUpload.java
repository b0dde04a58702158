package dev.wharf.storage.contract;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An upload over a raw socket that sends part of its body and then drops the connection, as a client that dies
 * mid-transfer does. Either sized (a Content-Length it never reaches) or chunked (no terminating chunk).
 */
public final class RawUpload implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final boolean chunked;

    private RawUpload(Socket socket, boolean chunked) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.chunked = chunked;
    }

    /** Sends the request head with {@code grant} as the bearer token; {@code declaredLength} -1 means chunked. */
    public static RawUpload start(URI base, String pathAndQuery, String grant, long declaredLength) {
        try {
            Socket s = new Socket(base.getHost(), base.getPort());
            s.setSoTimeout(30_000);
            RawUpload u = new RawUpload(s, declaredLength < 0);
            String head = "PUT " + pathAndQuery + " HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Content-Type: application/octet-stream\r\n"
                    + "Authorization: Bearer " + grant + "\r\n"
                    + (declaredLength < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + declaredLength + "\r\n")
                    + "\r\n";
            u.out.write(head.getBytes(StandardCharsets.US_ASCII));
            u.out.flush();
            return u;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends body bytes (as one chunk when chunked). */
    public RawUpload send(byte[] bytes) {
        try {
            if (chunked) {
                out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(bytes);
            }
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the rest of the body (and the terminating chunk) and returns the status code of the answer. */
    public int finish(byte[] rest) {
        send(rest);
        try {
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            byte[] line = new byte[12]; // "HTTP/1.1 201"
            int n = socket.getInputStream().readNBytes(line, 0, line.length);
            String status = new String(line, 0, n, StandardCharsets.US_ASCII);
            if (n < 12 || !status.startsWith("HTTP/1.1 ")) {
                throw new IllegalStateException("no HTTP answer: " + status);
            }
            return Integer.parseInt(status.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the connection without finishing the body. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }
}
