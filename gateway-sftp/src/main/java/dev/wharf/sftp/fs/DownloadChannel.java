package dev.wharf.sftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.FileOperations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A file opened for reading: one storage stream from the requested offset, kept while the client reads on in
 * order and reopened at the new offset when it seeks (reget, parallel ranges). Reads at or past the end answer
 * EOF without a storage call.
 */
final class DownloadChannel implements SeekableByteChannel {
    private static final int CHUNK = 64 * 1024;

    private final FileOperations files;
    private final String path;
    private final long size;
    private long position;
    private InputStream in;
    private long streamPosition;
    private boolean open = true;
    private byte[] scratch;

    DownloadChannel(FileOperations files, String path, long size) {
        this.files = files;
        this.path = path;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size || !dst.hasRemaining()) {
            return position >= size ? -1 : 0;
        }
        if (in == null || streamPosition != position) {
            if (!reopen()) {
                return -1;
            }
        }
        int total = 0;
        try {
            // fill the whole request: SFTP clients treat a short read as a hint to re-request, costing a round trip
            while (dst.hasRemaining()) {
                int n;
                if (dst.hasArray()) {
                    n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                    if (n > 0) {
                        dst.position(dst.position() + n);
                    }
                } else {
                    if (scratch == null) {
                        scratch = new byte[CHUNK];
                    }
                    n = in.read(scratch, 0, Math.min(scratch.length, dst.remaining()));
                    if (n > 0) {
                        dst.put(scratch, 0, n);
                    }
                }
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (WharfException e) {
            throw SftpStatusMapping.toIOException(e, path);
        }
        position += total;
        streamPosition += total;
        return total == 0 ? -1 : total;
    }

    private boolean reopen() throws IOException {
        closeStream();
        try {
            in = files.openRead(path, position);
        } catch (WharfException e) {
            if (e.reason() == Reason.INVALID_OFFSET) {
                return false; // the file shrank since it was opened: that is simply the end
            }
            throw SftpStatusMapping.toIOException(e, path);
        }
        streamPosition = position;
        return true;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, path, "handle opened for reading only");
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
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) throws IOException {
        throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, path, "handle opened for reading only");
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            closeStream();
        }
    }

    private void closeStream() throws IOException {
        InputStream s = in;
        in = null;
        if (s != null) {
            s.close(); // publishes the download event for the bytes read from this stream
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
