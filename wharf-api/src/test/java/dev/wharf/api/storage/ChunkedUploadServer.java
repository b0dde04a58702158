package dev.wharf.api.storage;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw-socket HTTP/1.1 server that reads chunked request bodies byte by byte, standing in for storage-service's
 * upload endpoint: it tells a complete body (terminating zero-length chunk seen) from one that ended early, which
 * is exactly what storage-service relies on to discard aborted uploads.
 */
final class ChunkedUploadServer implements AutoCloseable {
    /** What happened to one request body. */
    record Outcome(String requestLine, Map<String, String> headers, boolean complete, long bytes, String sha256) {
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final AtomicLong received = new AtomicLong();
    private volatile String earlyAnswer;
    private volatile long stopReadingAfter = Long.MAX_VALUE;
    private volatile long closeAfter = Long.MAX_VALUE;
    private final CountDownLatch resumeReading = new CountDownLatch(1);

    ChunkedUploadServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("chunked-upload-server").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Body bytes received so far on the current connection. */
    long received() {
        return received.get();
    }

    BlockingQueue<Outcome> outcomes() {
        return outcomes;
    }

    /** Answers this status and JSON right after the request head, then still drains the body. */
    void answerEarly(int status, String json) {
        earlyAnswer = "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + json;
    }

    /** Stops reading after about this many body bytes, so that the client's writes block (TCP backpressure). */
    void stopReadingAfter(long bytes) {
        stopReadingAfter = bytes;
    }

    /** Closes the connection after about this many body bytes, as a crashing service would. */
    void closeAfter(long bytes) {
        closeAfter = bytes;
    }

    void resumeReading() {
        resumeReading.countDown();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setReceiveBufferSize(16 * 1024);
                handle(s);
            } catch (IOException e) {
                // closed at the end of the test
            }
        }
    }

    private void handle(Socket s) throws IOException {
        received.set(0);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        String requestLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        String early = earlyAnswer;
        if (early != null) {
            out.write(early.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        MessageDigest sha = sha256();
        boolean complete = false;
        try {
            while (true) {
                String sizeLine = line(in);
                if (sizeLine == null) {
                    break;
                }
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    line(in); // the empty line after the last chunk (no trailers)
                    complete = true;
                    break;
                }
                byte[] chunk = in.readNBytes(size);
                sha.update(chunk);
                received.addAndGet(chunk.length);
                if (chunk.length < size) {
                    break;
                }
                line(in);
                if (received.get() >= closeAfter) {
                    break;
                }
                if (received.get() >= stopReadingAfter) {
                    stopReadingAfter = Long.MAX_VALUE;
                    awaitResume();
                }
            }
        } catch (IOException | NumberFormatException e) {
            complete = false;
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        outcomes.add(new Outcome(requestLine, headers, complete, received.get(), hex));
        if (complete && early == null) {
            String path = "/demo/x";
            String json = "{\"path\":\"" + path + "\",\"size\":" + received.get() + ",\"sha256\":\"" + hex + "\"}";
            out.write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: "
                    + json.length() + "\r\nConnection: close\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void awaitResume() {
        try {
            resumeReading.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One CRLF-terminated line, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        if (b.size() > 0) {
            throw new EOFException("line cut short");
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        resumeReading.countDown();
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
