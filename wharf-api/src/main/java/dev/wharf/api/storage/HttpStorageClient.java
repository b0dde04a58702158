package dev.wharf.api.storage;

import dev.wharf.api.http.ServiceHttp;
import dev.wharf.api.trace.TraceHeaders;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.grant.SessionGrant;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.core.storage.Upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@link StoragePort} over storage-service. Downloads stream the response body; uploads stream into a chunked
 * PUT (see {@link HttpUpload}); neither holds a file in memory.
 */
public final class HttpStorageClient implements StoragePort {
    private final ServiceHttp http;
    private final Duration commitTimeout;

    /**
     * @param commitTimeout how long an upload's commit may wait for the answer after the last byte (the service
     *                      finishes the object in storage first)
     */
    public HttpStorageClient(ServiceHttp http, Duration commitTimeout) {
        this.http = http;
        this.commitTimeout = commitTimeout;
    }

    @Override
    public FileInfo stat(SessionGrant grant, String path) {
        return as(grant).get(StorageUris.pathQuery(grant.tenant(), "stat", path), FileInfo.class);
    }

    @Override
    public List<FileInfo> list(SessionGrant grant, String directory) {
        List<FileInfo> l = as(grant).get(StorageUris.pathQuery(grant.tenant(), "list", directory),
                http.listOf(FileInfo.class));
        return l == null ? List.of() : l;
    }

    /**
     * Streams the file from {@code offset} with {@code Range: bytes=N-}. A service that ignores the range (200
     * instead of 206) still yields the right bytes: the first {@code offset} are skipped here.
     */
    @Override
    public InputStream openRead(SessionGrant grant, String path, long offset) {
        if (offset < 0) {
            throw new WharfException(Reason.INVALID_OFFSET, "negative offset " + offset);
        }
        HttpRequest.Builder b = TraceHeaders.add(HttpRequest.newBuilder(
                        http.uri(StorageUris.pathQuery(grant.tenant(), "content", path)))
                .timeout(http.timeout())
                .GET());
        String auth = as(grant).authorization();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (offset > 0) {
            b.header("Range", "bytes=" + offset + "-");
        }
        HttpRequest request = b.build();
        HttpResponse<InputStream> r = http.send(request);
        InputStream body = r.body();
        int status = r.statusCode();
        try {
            if (status == 206) {
                return body;
            }
            if (status == 200) {
                if (offset > 0) {
                    body.skipNBytes(offset);
                }
                return body;
            }
            byte[] error = ServiceHttp.readLimited(body);
            body.close();
            throw http.failure(request, status, error);
        } catch (IOException e) {
            closeQuietly(body);
            if (e instanceof java.io.EOFException) {
                throw new WharfException(Reason.INVALID_OFFSET, "offset " + offset + " is beyond the end", e);
            }
            throw http.unavailable(request, e);
        }
    }

    @Override
    public long uploadAllowance(SessionGrant grant, String path, long offset, boolean append) {
        java.util.Map<?, ?> a = as(grant).get(StorageUris.pathQuery(grant.tenant(), "upload-allowance", path)
                + "&offset=" + offset + "&append=" + append, java.util.Map.class);
        Object max = a == null ? null : a.get("maxBody");
        return max instanceof Number n ? n.longValue() : -1;
    }

    @Override
    public Upload openWrite(SessionGrant grant, String path, long offset, boolean append) {
        if (offset < 0) {
            throw new WharfException(Reason.INVALID_OFFSET, "negative offset " + offset);
        }
        String query = StorageUris.pathQuery(grant.tenant(), "content", path) + "&offset=" + offset + "&append=" + append;
        return HttpUpload.start(as(grant), query, commitTimeout);
    }

    @Override
    public void delete(SessionGrant grant, String path) {
        as(grant).delete(StorageUris.pathQuery(grant.tenant(), "content", path));
    }

    @Override
    public void mkdir(SessionGrant grant, String path) {
        as(grant).postEmpty(StorageUris.pathQuery(grant.tenant(), "folders", path));
    }

    @Override
    public void rmdir(SessionGrant grant, String path) {
        as(grant).delete(StorageUris.pathQuery(grant.tenant(), "folders", path));
    }

    @Override
    public void rename(SessionGrant grant, String from, String to) {
        as(grant).postEmpty(StorageUris.op(grant.tenant(), "rename") + "from=" + StorageUris.encode(from) + "&to="
                + StorageUris.encode(to));
    }

    @Override
    public void setModified(SessionGrant grant, String path, Instant modified) {
        as(grant).postEmpty(StorageUris.pathQuery(grant.tenant(), "modified", path) + "&time="
                + StorageUris.encode(modified.toString()));
    }

    /** Storage calls carry the session's grant, renewed by {@link SessionGrant#token()} when it runs out. */
    private ServiceHttp as(SessionGrant grant) {
        return http.withBearer(grant::token);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is being dropped anyway
        }
    }
}
