package dev.wharf.sftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.storage.Upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;

/**
 * A file opened for writing, streamed into one storage upload and committed when the client closes the handle.
 *
 * <p>Object storage cannot write into the middle of a file, so the result is always: the first N bytes of the
 * existing file (N = offset of the first write; 0 for a new or truncated file) followed by the bytes written in
 * order. That covers plain uploads, OpenSSH {@code reput} (append mode) and other clients' resume (first write at
 * the remote size). A write that is not at the next expected offset, or a first write past the end, is refused
 * with {@code invalid_offset} and the upload is discarded: nothing half-written is ever committed.
 *
 * <p>If the session ends without the client closing the handle, the subsystem signals it first
 * ({@link #abortOnClose()}) and close discards the upload.
 */
final class UploadChannel implements SeekableByteChannel {
    private final WharfFileSystem fs;
    private final FileOperations files;
    private final String path;
    private final long existingSize;
    private final boolean fresh;
    private final boolean append;
    private long position;
    private Upload upload;
    private long uploadStart;
    private long written;
    private boolean open = true;
    private boolean failed;
    private volatile boolean abortOnClose;
    private volatile Instant modifiedAfterCommit;

    /**
     * @param existingSize size of the file being replaced or resumed, or -1 when it does not exist
     * @param truncate     the client asked to truncate (or the file is new): the result starts empty
     */
    UploadChannel(WharfFileSystem fs, String path, long existingSize, boolean truncate, boolean append) {
        this.fs = fs;
        this.files = fs.files();
        this.path = path;
        this.existingSize = existingSize;
        this.fresh = existingSize < 0 || truncate;
        this.append = append && !fresh;
    }

    String path() {
        return path;
    }

    /** Makes close discard instead of commit: the session is ending without the client closing the handle. */
    void abortOnClose() {
        abortOnClose = true;
    }

    /** A modification time set while the file is open (OpenSSH {@code put -p}); applied after the commit. */
    void modifiedAfterCommit(Instant time) {
        modifiedAfterCommit = time;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureWritable();
        if (upload == null) {
            start(position);
        } else if (position != uploadStart + written) {
            fail();
            throw SftpStatusMapping.refuse(Reason.INVALID_OFFSET, path, "writes must be sequential: expected offset "
                    + (uploadStart + written) + ", got " + position + "; the upload was discarded");
        }
        int n = src.remaining();
        try {
            if (src.hasArray()) {
                upload.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                byte[] copy = new byte[n];
                src.get(copy);
                upload.write(copy);
            }
        } catch (WharfException e) {
            fail();
            throw SftpStatusMapping.toIOException(e, path);
        } catch (IOException | RuntimeException e) {
            fail();
            throw e;
        }
        written += n;
        position += n;
        return n;
    }

    private void start(long offset) throws IOException {
        long base = fresh ? 0 : existingSize;
        try {
            if (append) {
                if (offset != base) {
                    throw SftpStatusMapping.refuse(Reason.INVALID_OFFSET, path,
                            "append must continue at the end (" + base + "), got " + offset);
                }
                upload = files.openWrite(path, 0, true);
            } else if (fresh) {
                if (offset != 0) {
                    throw SftpStatusMapping.refuse(Reason.INVALID_OFFSET, path,
                            "a new or truncated file is written from offset 0, got " + offset);
                }
                upload = files.openWrite(path, 0, false);
            } else {
                if (offset > existingSize) {
                    throw SftpStatusMapping.refuse(Reason.INVALID_OFFSET, path,
                            "resume offset " + offset + " is past the end of the file (" + existingSize + ")");
                }
                upload = files.openWrite(path, offset, false);
            }
        } catch (WharfException e) {
            failed = true;
            throw SftpStatusMapping.toIOException(e, path);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        uploadStart = offset;
    }

    private void fail() {
        failed = true;
        if (upload != null) {
            upload.abort();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, path,
                "handle opened for writing: uploads cannot be read back before they are closed");
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        if (upload != null) {
            return uploadStart + written;
        }
        return fresh ? 0 : existingSize;
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        if (size == size()) {
            return this;
        }
        throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, path, "changing the size of a file is not supported");
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Commits what was written, unless the session is ending or a write failed; then nothing is stored. */
    @Override
    public void close() throws IOException {
        if (!open) {
            return;
        }
        open = false;
        fs.unregister(this);
        if (abortOnClose || failed) {
            if (upload != null) {
                upload.abort();
            }
            return;
        }
        try {
            if (upload == null) {
                if (!fresh) {
                    return; // opened without truncation and nothing written: the file stays as it was
                }
                upload = files.openWrite(path, 0, false); // create or truncate to an empty file
            }
            upload.commit();
            Instant m = modifiedAfterCommit;
            if (m != null) {
                files.setModified(path, m);
            }
        } catch (WharfException e) {
            throw SftpStatusMapping.toIOException(e, path);
        }
    }

    private void ensureWritable() throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (failed) {
            throw SftpStatusMapping.refuse(Reason.UPLOAD_ABORTED, path, "an earlier write failed");
        }
    }
}
