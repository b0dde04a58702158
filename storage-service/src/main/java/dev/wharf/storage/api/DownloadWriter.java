package dev.wharf.storage.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Copies a download into the HTTP response at the pace the client reads it.
 *
 * <p>Why not just the {@code OutputStream} Quarkus REST hands to a {@code StreamingOutput}: its backpressure relies
 * on the connection's writability, which a worker thread sees late when the event loop is busy, and a 300 MiB
 * download to a slow client then piled up in direct memory (caught by StreamingMemoryIT with a 64 MiB heap). Here
 * every chunk is written to the Vert.x response and at most {@link #IN_FLIGHT} chunks are unconfirmed at a time, so
 * memory is bounded by construction whatever the thread scheduling.
 */
final class DownloadWriter {
    private static final int CHUNK = 64 * 1024;
    private static final int IN_FLIGHT = 4;

    private final HttpServerResponse response;
    private final Duration stallTimeout;
    private long sent;

    DownloadWriter(HttpServerResponse response, Duration stallTimeout) {
        this.response = response;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Sends {@code in} to the client and returns the bytes sent. {@code framework} is the stream Quarkus REST gave
     * the entity writer: the first chunk goes through it (with the status line and headers Quarkus REST prepared),
     * the rest straight to the response, and Quarkus REST closing it afterwards ends the response.
     */
    long copy(InputStream in, OutputStream framework) throws IOException {
        // the first chunk goes through the framework's stream, which commits the status line and headers with it
        byte[] first = new byte[CHUNK];
        int firstLength = in.readNBytes(first, 0, CHUNK);
        if (firstLength == 0) {
            return 0;
        }
        framework.write(first, 0, firstLength);
        framework.flush();
        sent = firstLength;
        if (firstLength < CHUNK) {
            return sent;
        }
        Deque<Future<Void>> unconfirmed = new ArrayDeque<>(IN_FLIGHT);
        try {
            for (int n = CHUNK; n == CHUNK; ) {
                byte[] chunk = new byte[CHUNK];
                n = in.readNBytes(chunk, 0, CHUNK);
                if (n == 0) {
                    break;
                }
                if (response.closed()) {
                    throw new ClientGone("the client closed the connection after " + sent + " bytes", null);
                }
                unconfirmed.add(response.write(Buffer.buffer(n == CHUNK ? chunk : Arrays.copyOf(chunk, n))));
                sent += n;
                if (unconfirmed.size() >= IN_FLIGHT) {
                    await(unconfirmed.poll());
                }
            }
            while (!unconfirmed.isEmpty()) {
                await(unconfirmed.poll());
            }
        } catch (IOException | RuntimeException e) {
            response.reset(); // the body cannot be completed: drop the connection rather than leave it hanging
            throw e;
        }
        return sent;
    }

    /** Bytes handed to the connection so far. */
    long sent() {
        return sent;
    }

    /** The client stopped reading or went away: expected traffic, not a failure of the service. */
    static final class ClientGone extends IOException {
        ClientGone(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void await(Future<Void> write) throws IOException {
        try {
            write.toCompletionStage().toCompletableFuture().get(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending a download");
        } catch (ExecutionException e) {
            throw new ClientGone("the client went away after " + sent + " bytes (" + e.getCause() + ")", e.getCause());
        } catch (TimeoutException e) {
            throw new ClientGone("the client read nothing for " + stallTimeout + " after " + sent + " bytes", null);
        }
    }
}
