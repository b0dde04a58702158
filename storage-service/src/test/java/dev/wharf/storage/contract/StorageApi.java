package dev.wharf.storage.contract;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.wharf.core.storage.FileInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** A test client of the storage HTTP contract for one tenant, speaking plain HTTP with a grant as a gateway would. */
public final class StorageApi {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final URI base;
    private final String tenant;
    private final String grant;

    /** A client with a session grant reaching the whole tenant. */
    public StorageApi(URI base, String tenant) {
        this(base, tenant, TestGrants.session(tenant));
    }

    /** A client presenting {@code grant} (null: none) on every call. */
    public StorageApi(URI base, String tenant, String grant) {
        this.base = base;
        this.tenant = tenant;
        this.grant = grant;
    }

    public StorageApi tenant(String other) {
        return new StorageApi(base, other);
    }

    /** The same tenant, calls carrying {@code other} as their grant (null: none). */
    public StorageApi withGrant(String other) {
        return new StorageApi(base, tenant, other);
    }

    /** The grant every call carries, for raw-socket tests. */
    public String grant() {
        return grant;
    }

    public String tenant() {
        return tenant;
    }

    public URI base() {
        return base;
    }

    /** A GET of another call of the contract, {@code opAndQuery} already encoded. */
    public Reply getCall(String opAndQuery) {
        return send(get(opAndQuery));
    }

    public Reply stat(String path) {
        return send(get("stat?path=" + enc(path)));
    }

    public FileInfo info(String path) {
        Reply r = stat(path);
        if (r.status() != 200) {
            throw new AssertionError("stat " + path + ": " + r);
        }
        return r.json(FileInfo.class);
    }

    public Reply list(String path) {
        return send(get("list?path=" + enc(path)));
    }

    public List<FileInfo> children(String path) {
        Reply r = list(path);
        if (r.status() != 200) {
            throw new AssertionError("list " + path + ": " + r);
        }
        return r.json(new TypeReference<List<FileInfo>>() { });
    }

    public Reply download(String path, String range) {
        HttpRequest.Builder b = get("content?path=" + enc(path));
        if (range != null) {
            b.header("Range", range);
        }
        return send(b);
    }

    public Reply upload(String path, byte[] body) {
        return upload(path, body, 0, false);
    }

    public Reply upload(String path, byte[] body, long offset, boolean append) {
        return send(request("content?path=" + enc(path) + "&offset=" + offset + "&append=" + append)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A chunked upload whose body comes from {@code source} as it is read. */
    public Reply uploadStream(String path, Supplier<InputStream> source) {
        return send(request("content?path=" + enc(path))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(source)));
    }

    public Reply delete(String path) {
        return send(request("content?path=" + enc(path)).DELETE());
    }

    public Reply mkdir(String path) {
        return send(request("folders?path=" + enc(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Reply rmdir(String path) {
        return send(request("folders?path=" + enc(path)).DELETE());
    }

    public Reply rename(String from, String to) {
        return send(request("rename?from=" + enc(from) + "&to=" + enc(to)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Reply setModified(String path, Instant time) {
        return setModified(path, time.toString());
    }

    public Reply setModified(String path, String time) {
        return send(request("modified?path=" + enc(path) + "&time=" + enc(time))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Removes every file of this tenant ({@code DELETE /v1/admin/tenants/{tenant}/files}). */
    public Reply purge() {
        return purgeWith(TestGrants.purge(tenant));
    }

    /** The purge, presenting {@code grant} (null: none). */
    public Reply purgeWith(String grant) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(base.getRawPath().replaceAll("/$", "")
                + "/v1/admin/tenants/" + tenant + "/files")).timeout(TIMEOUT).DELETE();
        return send(grant == null ? b : b.header("Authorization", "Bearer " + grant));
    }

    /** The path and query of a call of this tenant, for raw-socket tests. */
    public String target(String opAndQuery) {
        return base.getRawPath().replaceAll("/$", "") + "/v1/tenants/" + tenant + "/" + opAndQuery;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder get(String opAndQuery) {
        return request(opAndQuery).GET();
    }

    private HttpRequest.Builder request(String opAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(target(opAndQuery))).timeout(TIMEOUT);
        return grant == null ? b : b.header("Authorization", "Bearer " + grant);
    }

    private static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
