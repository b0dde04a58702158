package dev.wharf.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OpenTelemetry collector for the end-to-end tests: OTLP over HTTP/protobuf on a loopback port, the spans
 * kept in memory. It reads the few protobuf fields the tests need (service name, trace id, span name, string
 * attributes) with a small wire-format reader, so the tests need no protobuf classes.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One received span. */
    record ReceivedSpan(String service, String traceId, String name, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                InputStream in = exchange.getRequestBody();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    in = new GZIPInputStream(in);
                }
                byte[] body = in.readAllBytes();
                if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                    readRequest(body);
                    synchronized (spans) {
                        spans.notifyAll();
                    }
                }
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
            }
        });
        server.start();
    }

    /** The base URL to give as {@code wharf.tracing.endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Polls until {@code wanted} matches some received span or the deadline passes; returns every span so far. */
    List<ReceivedSpan> await(Duration timeout, Predicate<List<ReceivedSpan>> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (spans) {
            while (!wanted.test(List.copyOf(spans))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                spans.wait(Math.max(1, left / 1_000_000)); // woken by each export
            }
            return List.copyOf(spans);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private void readRequest(byte[] body) {
        for (Field f : fields(body)) {
            if (f.number == 1) {
                readResourceSpans(f.bytes);
            }
        }
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // Resource { repeated KeyValue attributes = 1; }  ScopeSpans { repeated Span spans = 2; }
    private void readResourceSpans(byte[] bytes) {
        String service = null;
        List<byte[]> scopes = new ArrayList<>();
        for (Field f : fields(bytes)) {
            if (f.number == 1) {
                service = attributes(f.bytes, 1).get("service.name");
            } else if (f.number == 2) {
                scopes.add(f.bytes);
            }
        }
        for (byte[] scope : scopes) {
            for (Field s : fields(scope)) {
                if (s.number == 2) {
                    spans.add(readSpan(service, s.bytes));
                }
            }
        }
    }

    // Span { bytes trace_id = 1; ... string name = 5; ... repeated KeyValue attributes = 9; }
    private static ReceivedSpan readSpan(String service, byte[] bytes) {
        String traceId = null;
        String name = null;
        for (Field f : fields(bytes)) {
            if (f.number == 1) {
                traceId = HexFormat.of().formatHex(f.bytes);
            } else if (f.number == 5) {
                name = new String(f.bytes, StandardCharsets.UTF_8);
            }
        }
        return new ReceivedSpan(service, traceId, name, attributes(bytes, 9));
    }

    // KeyValue { string key = 1; AnyValue value = 2; }  AnyValue { string string_value = 1; ... }
    private static Map<String, String> attributes(byte[] message, int fieldNumber) {
        Map<String, String> out = new HashMap<>();
        for (Field f : fields(message)) {
            if (f.number != fieldNumber) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field kv : fields(f.bytes)) {
                if (kv.number == 1) {
                    key = new String(kv.bytes, StandardCharsets.UTF_8);
                } else if (kv.number == 2) {
                    for (Field any : fields(kv.bytes)) {
                        if (any.number == 1) {
                            value = new String(any.bytes, StandardCharsets.UTF_8);
                        }
                    }
                }
            }
            if (key != null && value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    /** A length-delimited field (the others are skipped). */
    private record Field(int number, byte[] bytes) {
    }

    /** The length-delimited fields of one protobuf message. */
    private static List<Field> fields(byte[] message) {
        List<Field> out = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(message);
        while (in.available() > 0) {
            long tag = varint(in);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> varint(in);
                case 1 -> in.skip(8);
                case 2 -> {
                    byte[] value = new byte[(int) varint(in)];
                    if (in.read(value, 0, value.length) != value.length && value.length > 0) {
                        throw new IllegalArgumentException("truncated field " + number);
                    }
                    out.add(new Field(number, value));
                }
                case 5 -> in.skip(4);
                default -> throw new IllegalArgumentException("unsupported protobuf wire type in tag " + tag);
            }
        }
        return out;
    }

    private static long varint(ByteArrayInputStream in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalArgumentException("truncated varint");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }
}
