package dev.wharf.storage.api;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.access.Permission;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.UploadResult;
import dev.wharf.storage.access.GrantScope;
import dev.wharf.storage.backend.ByteRange;
import dev.wharf.storage.backend.Download;
import dev.wharf.storage.backend.StorageBackend;
import dev.wharf.storage.backend.StoragePath;
import dev.wharf.storage.backend.UploadBody;
import dev.wharf.storage.backend.WriteMode;
import dev.wharf.storage.metrics.TransferMetrics;
import dev.wharf.storage.quota.MoveAllowance;
import dev.wharf.storage.quota.UploadAllowance;
import dev.wharf.storage.quota.UsageCounter;
import dev.wharf.core.quota.Usage;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;

/**
 * The storage HTTP contract (docs/service-api.md): files of one tenant, named by the {@code path} query parameter,
 * each call made with a session's grant ({@link dev.wharf.storage.access.GrantFilter}) and kept inside it.
 * Every call runs on a worker thread; bodies are streamed both ways and never held whole in memory.
 */
@Path("/v1/tenants/{tenant}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class StorageResource {
    /** Header with the lowercase hex SHA-256 of the whole file, when known. */
    public static final String SHA256_HEADER = "X-Wharf-Sha256";
    private static final Logger LOG = Logger.getLogger(StorageResource.class);

    @Inject
    StorageBackend backend;

    @Inject
    TransferMetrics metrics;

    @Inject
    GrantScope scope;

    @Inject
    UploadAllowance allowance;

    @Inject
    UsageCounter counter;

    @Inject
    MoveAllowance moves;

    /** A download whose client reads nothing for this long is dropped, as a stalled upload body is. */
    @ConfigProperty(name = "quarkus.http.read-timeout")
    Duration stallTimeout;

    @GET
    @Path("stat")
    public FileInfo stat(@RestPath String tenant, @RestQuery String path) {
        return backend.stat(at(tenant, "path", path));
    }

    @GET
    @Path("list")
    public List<FileInfo> list(@RestPath String tenant, @RestQuery String path) {
        StoragePath at = at(tenant, "path", path);
        // as on the gateways: a folder without the list permission (a drop box) lists as empty
        return scope.decide(at).allows(Permission.LIST) ? backend.list(at) : List.of();
    }

    @GET
    @Path("content")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Response download(@RestPath String tenant, @RestQuery String path, @RestHeader("Range") String range,
                             Request request, UriInfo uri, HttpServerResponse vertxResponse) {
        StoragePath at = scope.require(at(tenant, "path", path), Permission.READ);
        ByteRange r = ByteRange.parse(range);
        Download d;
        try {
            d = backend.read(at, r);
        } catch (WharfException e) {
            if (e.reason() == Reason.INVALID_OFFSET) {
                return ErrorResponses.respond(e, 416, request, uri); // the contract's one non-400 invalid_offset
            }
            throw e;
        }
        StreamingOutput body = out -> send(at, d, new DownloadWriter(vertxResponse, stallTimeout), out);
        boolean ranged = range != null && !range.isBlank();
        Response.ResponseBuilder b = Response.status(ranged ? 206 : 200)
                .entity(body)
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, d.length())
                .header("Accept-Ranges", "bytes")
                .lastModified(Date.from(d.modified()));
        if (d.sha256() != null) {
            b.header(SHA256_HEADER, d.sha256());
        }
        if (ranged) {
            // a range that starts at the very end is answered empty, so a finished resume is not an error
            b.header("Content-Range", d.length() > 0
                    ? "bytes " + d.first() + "-" + (d.first() + d.length() - 1) + "/" + d.size()
                    : "bytes */" + d.size());
        }
        return b.build();
    }

    @PUT
    @Path("content")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@RestPath String tenant, @RestQuery String path, @RestQuery String offset,
                           @RestQuery String append, @RestHeader("Content-Length") String contentLength,
                           InputStream body) {
        StoragePath at = at(tenant, "path", path);
        WriteMode mode = new WriteMode(parseOffset(offset), parseBoolean("append", append));
        requireWrite(at, mode.offset() > 0 || mode.append());
        long declared = parseLength(contentLength);
        long maxSize = allowance.maxSize(at, mode);
        UploadAllowance.checkDeclared(maxSize, mode.append() ? 0 : mode.offset(), declared);
        CountingInputStream counted = new CountingInputStream(body);
        metrics.uploadStarted();
        try {
            UploadResult result = backend.write(at, mode, new UploadBody(counted, declared, maxSize));
            return Response.status(Response.Status.CREATED).entity(result).build();
        } finally {
            metrics.uploadEnded(counted.count());
        }
    }

    /**
     * How many bytes an upload to {@code path} may send under the grant's limits: {@code {"maxBody": n}}, or
     * {@code {}} for no limit; 413 {@code quota_exceeded} when not even an empty new file fits.
     */
    @GET
    @Path("upload-allowance")
    public java.util.Map<String, Long> uploadAllowance(@RestPath String tenant, @RestQuery String path,
                                                       @RestQuery String offset, @RestQuery String append) {
        StoragePath at = at(tenant, "path", path);
        long max = allowance.maxBody(at, new WriteMode(parseOffset(offset), parseBoolean("append", append)));
        return max < 0 ? java.util.Map.of() : java.util.Map.of("maxBody", max);
    }

    /** What {@code path} and everything below it holds: {@code {"bytes": n, "files": n}}. */
    @GET
    @Path("usage")
    public Usage usage(@RestPath String tenant, @RestQuery String path) {
        return counter.usage(scope.require(at(tenant, "path", path), Permission.LIST));
    }

    @DELETE
    @Path("content")
    public Response delete(@RestPath String tenant, @RestQuery String path) {
        backend.delete(scope.require(at(tenant, "path", path), Permission.DELETE));
        return Response.noContent().build();
    }

    @POST
    @Path("folders")
    public Response mkdir(@RestPath String tenant, @RestQuery String path) {
        backend.mkdir(scope.require(at(tenant, "path", path), Permission.MKDIR));
        return Response.status(Response.Status.CREATED).build();
    }

    @DELETE
    @Path("folders")
    public Response rmdir(@RestPath String tenant, @RestQuery String path) {
        backend.rmdir(scope.requireNotSharedRoot(scope.require(at(tenant, "path", path), Permission.DELETE)));
        return Response.noContent().build();
    }

    @POST
    @Path("rename")
    public Response rename(@RestPath String tenant, @RestQuery String from, @RestQuery String to) {
        StoragePath source = scope.requireNotSharedRoot(scope.require(at(tenant, "from", from), Permission.RENAME));
        StoragePath target = scope.requireNotSharedRoot(scope.require(at(tenant, "to", to), Permission.RENAME));
        moves.check(source, target);
        backend.rename(source, target);
        return Response.noContent().build();
    }

    @POST
    @Path("modified")
    public Response modified(@RestPath String tenant, @RestQuery String path, @RestQuery String time) {
        StoragePath at = at(tenant, "path", path);
        AccessRules.Decision d = scope.decide(at);
        if (!d.allows(Permission.WRITE) && !d.allows(Permission.OVERWRITE)) {
            throw scope.deny(at, Permission.OVERWRITE, d);
        }
        backend.setModified(at, parseTime(time));
        return Response.noContent().build();
    }

    /** {@code write} for a new file, {@code overwrite} for an existing one or to resume or append (as the gateways). */
    private void requireWrite(StoragePath at, boolean extending) {
        AccessRules.Decision d = scope.decide(at);
        Permission needed = d.uploadNeeds(extending, () -> exists(at));
        if (!d.allows(needed)) {
            throw scope.deny(at, needed, d);
        }
    }

    private boolean exists(StoragePath at) {
        try {
            backend.stat(at);
            return true;
        } catch (WharfException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private void send(StoragePath at, Download d, DownloadWriter writer, OutputStream out) throws IOException {
        try (InputStream in = d.body()) {
            writer.copy(in, out);
        } catch (DownloadWriter.ClientGone e) {
            // the connection is already dropped; nothing to answer, and nothing went wrong here
            LOG.infof("download of %s stopped after %d of %d bytes: %s", at, writer.sent(), d.length(), e.getMessage());
        } finally {
            metrics.sent(writer.sent());
        }
    }

    /** The validated path, if the request's grant reaches it (tenant and home; see {@link GrantScope}). */
    private StoragePath at(String tenant, String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new WharfException(Reason.INVALID_PATH, "missing query parameter " + name);
        }
        return scope.check(StoragePath.of(tenant, value));
    }

    private static long parseOffset(String offset) {
        if (offset == null || offset.isBlank()) {
            return 0;
        }
        try {
            long n = Long.parseLong(offset.strip());
            if (n < 0) {
                throw new WharfException(Reason.INVALID_OFFSET, "offset must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new WharfException(Reason.BAD_REQUEST, "offset must be a whole number of bytes");
        }
    }

    private static boolean parseBoolean(String name, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new WharfException(Reason.BAD_REQUEST, name + " must be true or false");
    }

    private static long parseLength(String contentLength) {
        if (contentLength == null || contentLength.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            throw new WharfException(Reason.BAD_REQUEST, "Content-Length is not a number");
        }
    }

    private static Instant parseTime(String time) {
        if (time == null || time.isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "missing query parameter time");
        }
        try {
            return Instant.parse(time.strip());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(time.strip()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new WharfException(Reason.BAD_REQUEST, "time must be ISO-8601, e.g. 2025-01-31T12:00:00Z");
            }
        }
    }
}
