package dev.wharf.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A small fault-injecting TCP proxy in front of an HTTP server (S3Proxy): it reads each request's head, and for the
 * requests a rule picks answers 500, resets the connection, or waits before passing them on; every other request
 * goes through unchanged. One request per connection ({@code Connection: close} added upstream; S3's SigV4 does not
 * sign that header), so each request's head is seen.
 */
final class FaultyProxy implements AutoCloseable {
    /** What the proxy does to a request the rule picks. */
    enum Fault { ERROR_500, RESET, DELAY }

    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Predicate<String> rule = line -> false;
    private volatile Fault fault = Fault.ERROR_500;
    private volatile Duration delay = Duration.ZERO;

    FaultyProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("faulty-proxy").start(this::acceptLoop);
    }

    /** The proxy's base URL. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, requests whose request line matches {@code rule} get {@code fault}. */
    void inject(Predicate<String> rule, Fault fault, Duration delay) {
        this.fault = fault;
        this.delay = delay;
        this.rule = rule;
    }

    /** Every request passes through again. */
    void heal() {
        rule = line -> false;
    }

    /** How many requests got a fault so far. */
    int injected() {
        return injected.get();
    }

    /** How many requests the proxy saw so far. */
    int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("faulty-proxy-conn").start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(120_000);
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            requests.incrementAndGet();
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String requestLine = text.substring(0, text.indexOf("\r\n"));
            if (rule.test(requestLine)) {
                injected.incrementAndGet();
                switch (fault) {
                    case ERROR_500 -> {
                        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>"
                                + "<Message>injected</Message></Error>").getBytes(StandardCharsets.UTF_8);
                        OutputStream out = client.getOutputStream();
                        out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/xml\r\n"
                                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body);
                        out.flush();
                        return;
                    }
                    case RESET -> {
                        client.setSoLinger(true, 0); // close sends RST
                        return;
                    }
                    case DELAY -> sleep(delay);
                }
            }
            forward(client, in, withConnectionClose(text));
        } catch (IOException e) {
            // the client or upstream went away: nothing to pass on
        }
    }

    private void forward(Socket client, InputStream clientIn, String head) throws IOException {
        try (Socket up = new Socket(upstream.getAddress(), upstream.getPort())) {
            up.setSoTimeout(120_000);
            up.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            up.getOutputStream().flush();
            Thread toUpstream = Thread.ofVirtual().start(() -> {
                try {
                    clientIn.transferTo(up.getOutputStream());
                } catch (IOException e) {
                    // ends with either side
                }
            });
            up.getInputStream().transferTo(client.getOutputStream()); // upstream closes after its answer
            client.shutdownOutput();
            toUpstream.interrupt();
        }
    }

    private static String withConnectionClose(String head) {
        StringBuilder b = new StringBuilder();
        for (String line : head.substring(0, head.length() - 4).split("\r\n")) {
            if (!line.regionMatches(true, 0, "connection:", 0, 11)) {
                b.append(line).append("\r\n");
            }
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HEAD) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            head.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (c == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        throw new IOException("request head longer than " + MAX_HEAD);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d); // the injected latency itself, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
