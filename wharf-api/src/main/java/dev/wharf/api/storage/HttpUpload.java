package dev.wharf.api.storage;

import dev.wharf.api.WireJson;
import dev.wharf.api.http.ServiceErrors;
import dev.wharf.api.http.ServiceHttp;
import dev.wharf.api.trace.TraceHeaders;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.storage.Upload;
import dev.wharf.core.storage.UploadResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An upload streamed straight into a chunked {@code PUT} to storage-service, written by the protocol library's
 * own thread.
 *
 * <p>Built on {@link HttpURLConnection} in chunked streaming mode rather than on {@code java.net.http.HttpClient}:
 * the caller's writes go to the socket on the caller's thread through a fixed 64 KiB chunk buffer, with no pipe
 * and no extra thread; and {@link #abort()} has a precise meaning: the socket is closed before the terminating
 * zero-length chunk is sent, so the service sees a body that ends early and discards the upload (service-api.md:
 * "a body that ends early leaves nothing"). The connection is never returned to a keep-alive pool, so an aborted
 * or finished upload cannot leak into the next request.
 */
final class HttpUpload extends Upload {
    /** Bytes per HTTP chunk: also the most this side buffers. */
    static final int CHUNK = 64 * 1024;

    private final HttpURLConnection connection;
    private final OutputStream out;
    private final String call;
    private final String service;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private volatile UploadResult result;
    private volatile IOException failure;
    private volatile WharfException refusal;

    private HttpUpload(HttpURLConnection connection, OutputStream out, String call, String service) {
        this.connection = connection;
        this.out = out;
        this.call = call;
        this.service = service;
    }

    /** Opens the connection and sends the request head, so that an unreachable service fails here, not mid-file. */
    static HttpUpload start(ServiceHttp http, String pathAndQuery, java.time.Duration commitTimeout) {
        URI uri = http.uri(pathAndQuery);
        String call = "PUT " + uri.getPath();
        HttpURLConnection c = null;
        try {
            // services are reached directly, never through a proxy the JVM might be configured with
            c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            c.setRequestMethod("PUT");
            c.setDoOutput(true);
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(false);
            c.setChunkedStreamingMode(CHUNK);
            c.setConnectTimeout(millis(http.timeout()));
            c.setReadTimeout(millis(commitTimeout));
            c.setRequestProperty("Content-Type", "application/octet-stream");
            c.setRequestProperty("Accept", "application/json");
            TraceHeaders.each(c::setRequestProperty);
            String auth = http.authorization();
            if (auth != null) {
                c.setRequestProperty("Authorization", auth);
            }
            return new HttpUpload(c, c.getOutputStream(), call, http.service());
        } catch (IOException e) {
            if (c != null) {
                c.disconnect();
            }
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, http.service() + " cannot be reached (" + call
                    + "): " + e, e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (ready()) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failed(e);
            }
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (ready()) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }
    }

    /** Sends what is buffered as a chunk; it does not end the body. */
    @Override
    public void flush() throws IOException {
        if (ready()) {
            try {
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }
    }

    /**
     * Drops the connection without the final chunk: the service sees an incomplete body and keeps nothing.
     * Safe from any thread, also while another thread is blocked in {@link #write}.
     */
    @Override
    public void abort() {
        if (result == null && aborted.compareAndSet(false, true)) {
            // no response has been read, so disconnect() closes the socket instead of finishing the exchange
            connection.disconnect();
        }
    }

    @Override
    public UploadResult commit() throws IOException {
        if (result != null) {
            return result;
        }
        if (aborted.get()) {
            throw new WharfException(Reason.UPLOAD_ABORTED, "the upload was aborted");
        }
        if (refusal != null) {
            throw refusal;
        }
        if (failure != null) {
            throw new IOException("upload to " + service + " failed earlier: " + failure.getMessage(), failure);
        }
        try {
            out.close(); // sends the terminating chunk: the body is complete
            int status = connection.getResponseCode();
            if (status == 200 || status == 201) {
                try (InputStream in = connection.getInputStream()) {
                    UploadResult r = WireJson.mapper().readValue(in, UploadResult.class);
                    result = r;
                    return r;
                }
            }
            byte[] body;
            try (InputStream err = connection.getErrorStream()) {
                body = ServiceHttp.readLimited(err);
            }
            refusal = ServiceErrors.of(service, call, status, body);
            throw refusal;
        } catch (IOException e) {
            refusal = new WharfException(Reason.SERVICE_UNAVAILABLE, service + " did not confirm the upload (" + call
                    + "): " + e, e);
            throw refusal;
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public UploadResult result() {
        return result;
    }

    @Override
    public boolean aborted() {
        return aborted.get();
    }

    private boolean ready() throws IOException {
        if (aborted.get()) {
            return false; // writes after abort are ignored, as Upload promises
        }
        if (result != null) {
            throw new IOException("upload already committed");
        }
        if (failure != null) {
            throw failure;
        }
        return true;
    }

    private IOException failed(IOException e) {
        if (aborted.get()) {
            // the abort closed the socket under a blocked write; nothing to report
            return new IOException("upload aborted", e);
        }
        IOException f = new IOException("upload to " + service + " failed (" + call + "): " + e.getMessage(), e);
        failure = f;
        connection.disconnect();
        return f;
    }

    private static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
