package dev.wharf.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.api.ErrorBody;
import dev.wharf.api.WireJson;
import dev.wharf.api.trace.TraceHeaders;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * JSON over HTTP/1.1 to one Wharf service, and the one place where HTTP failures become {@link WharfException}s:
 * an error body's reason as it is; a 5xx, a timeout or a connection failure as {@code service_unavailable}; a
 * 4xx without a readable body by its status.
 */
public final class ServiceHttp {
    private static final Logger LOG = Logger.getLogger(ServiceHttp.class);
    /** Error bodies are small; anything longer is not one of ours. */
    private static final int MAX_ERROR_BODY = 16 * 1024;
    /** The JDK client's read-buffer size property, and the size Wharf's gateways use. */
    static final String BUFSIZE_PROPERTY = "jdk.httpclient.bufsize";
    static final int BUFSIZE = 256 * 1024;

    static {
        // The JDK client reads a streamed body in buffers of this size (default 16 KiB) and wakes its selector thread
        // for each one; with 256 KiB buffers a download costs far fewer hand-offs (measured side by side: curl FTPS
        // download 167-186 -> 212-222 MB/s, SFTP 80-94 -> 94-132, docs/BENCHMARKS.md). The JDK reads the property
        // once, when its first client is built, so it is set here, before any of ours; a -D given to the JVM wins.
        if (System.getProperty(BUFSIZE_PROPERTY) == null) {
            System.setProperty(BUFSIZE_PROPERTY, Integer.toString(BUFSIZE));
        }
    }

    private final HttpClient client;
    private final URI base;
    private final String service;
    private final Duration timeout;
    private final Supplier<String> bearer;
    private final ObjectMapper json = WireJson.mapper();

    /**
     * @param service name for messages, e.g. {@code identity-service}
     * @param base    the service's base URL, e.g. {@code http://127.0.0.1:8081}
     */
    public ServiceHttp(HttpClient client, String service, URI base, Duration timeout) {
        this(client, service, base, timeout, () -> null);
    }

    private ServiceHttp(HttpClient client, String service, URI base, Duration timeout, Supplier<String> bearer) {
        this.client = Objects.requireNonNull(client);
        this.service = service;
        this.base = withoutTrailingSlash(Objects.requireNonNull(base));
        this.timeout = timeout;
        this.bearer = Objects.requireNonNull(bearer);
    }

    /**
     * The same service, every request carrying {@code Authorization: Bearer <token>} from {@code bearer} (asked per
     * request; a null token sends no header): the gateways' service credential, or a session's grant.
     */
    public ServiceHttp withBearer(Supplier<String> bearer) {
        return new ServiceHttp(client, service, base, timeout, bearer);
    }

    /** The {@code Authorization} header value for a request now, or null. */
    public String authorization() {
        String token = bearer.get();
        return token == null ? null : "Bearer " + token;
    }

    /** An HTTP/1.1 client for the services: no proxy, no redirects, the given connect timeout. */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    public URI base() {
        return base;
    }

    public String service() {
        return service;
    }

    public Duration timeout() {
        return timeout;
    }

    public HttpClient client() {
        return client;
    }

    /** {@code base + pathAndQuery}; the caller encodes what it puts in. */
    public URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** POSTs {@code body} as JSON and reads a JSON answer of {@code type} (null for 204 or {@code Void}). */
    public <T> T post(String pathAndQuery, Object body, Class<T> type) {
        return sendJson("POST", pathAndQuery, body, type);
    }

    /** PUTs {@code body} as JSON, as {@link #post}. */
    public <T> T put(String pathAndQuery, Object body, Class<T> type) {
        return sendJson("PUT", pathAndQuery, body, type);
    }

    /** PATCHes with {@code body} as JSON, as {@link #post}. */
    public <T> T patch(String pathAndQuery, Object body, Class<T> type) {
        return sendJson("PATCH", pathAndQuery, body, type);
    }

    private <T> T sendJson(String method, String pathAndQuery, Object body, Class<T> type) {
        return call(request(pathAndQuery).method(method, jsonBody(body)).header("Content-Type", "application/json")
                .build(), type == null ? null : json.constructType(type));
    }

    /** POSTs without a body (storage folder, rename and time calls). */
    public void postEmpty(String pathAndQuery) {
        call(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()).build(), null);
    }

    public <T> T get(String pathAndQuery, JavaType type) {
        return call(request(pathAndQuery).GET().build(), type);
    }

    public <T> T get(String pathAndQuery, Class<T> type) {
        return get(pathAndQuery, json.constructType(type));
    }

    public void delete(String pathAndQuery) {
        call(request(pathAndQuery).DELETE().build(), null);
    }

    public JavaType listOf(Class<?> element) {
        return json.getTypeFactory().constructCollectionType(java.util.List.class, element);
    }

    /** A request builder with the call timeout, JSON accepted, and the caller's trace context and session id. */
    public HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = TraceHeaders.add(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json"));
        String auth = authorization();
        return auth == null ? b : b.header("Authorization", auth);
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T call(HttpRequest request, JavaType type) {
        HttpResponse<InputStream> r = send(request);
        try (InputStream in = r.body()) {
            int status = r.statusCode();
            if (status < 200 || status > 299) {
                throw failure(request, status, readLimited(in));
            }
            if (type == null || status == 204 || type.getRawClass() == Void.class) {
                return null;
            }
            return json.readValue(in, type);
        } catch (JsonProcessingException e) {
            throw new WharfException(Reason.INTERNAL_ERROR, service + " answered " + request.method() + " "
                    + request.uri().getPath() + " with unreadable JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw unavailable(request, e);
        }
    }

    /** Sends and returns the response with its body as a stream; connection failures become unavailable. */
    public HttpResponse<InputStream> send(HttpRequest request) {
        try {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (!retriable(request, e)) {
                    throw e;
                }
                // a pooled connection the service closed (it restarted): a GET is safe to send once more
                LOG.debugf("%s %s %s: %s; sent again on a new connection", service, request.method(),
                        request.uri().getPath(), e.toString());
                return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            }
        } catch (IOException e) {
            throw unavailable(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "interrupted while calling " + service, e);
        }
    }

    /** Whether {@code request} may be sent again after {@code e}: an idempotent read that did not time out. */
    static boolean retriable(HttpRequest request, IOException e) {
        return (request.method().equals("GET") || request.method().equals("HEAD"))
                && !(e instanceof java.net.http.HttpTimeoutException) && !(e instanceof java.net.ConnectException);
    }

    /** The exception for a connection failure or timeout. */
    public WharfException unavailable(HttpRequest request, IOException e) {
        LOG.debugf("%s %s %s failed: %s", service, request.method(), request.uri().getPath(), e.toString());
        return new WharfException(Reason.SERVICE_UNAVAILABLE, service + " cannot be reached ("
                + request.method() + " " + request.uri().getPath() + "): " + e, e);
    }

    /** The exception for a non-2xx answer of this service. */
    public WharfException failure(HttpRequest request, int status, byte[] body) {
        return ServiceErrors.of(service, request.method() + " " + request.uri().getPath(), status, body);
    }

    /** Reads at most {@value #MAX_ERROR_BODY} bytes: enough for any error body, bounded for anything else. */
    public static byte[] readLimited(InputStream in) throws IOException {
        return in == null ? new byte[0] : in.readNBytes(MAX_ERROR_BODY);
    }

    private static URI withoutTrailingSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
