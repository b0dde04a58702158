package dev.wharf.core.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A streamed upload in progress. Nothing is visible until it is committed; an aborted upload leaves nothing.
 *
 * <p>{@link #close()} commits unless {@link #abort()} was called first: the FTP library closes the stream in a
 * {@code finally} even after a failed transfer, so protocol adapters call {@code abort()} as soon as they know.
 */
public abstract class Upload extends OutputStream {
    /** Discards everything written; later writes and close do nothing. Safe to call more than once. */
    public abstract void abort();

    /** Commits and returns the result; throws a {@link dev.wharf.core.WharfException} if storage refused it. */
    public abstract UploadResult commit() throws IOException;

    /** The result once committed, else null. */
    public abstract UploadResult result();

    @Override
    public void close() throws IOException {
        if (result() == null && !aborted()) {
            commit();
        }
    }

    public abstract boolean aborted();
}
