package dev.wharf.ftp.data;

import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.impl.DefaultFtpSession;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * One open data connection, replacing the library's {@code IODataConnection} for speed: the library copies through
 * a 4 KiB array and 8 KiB buffered streams, so every TLS record it writes carries at most 8 KiB (half of what TLS
 * allows) and every 4 KiB costs a statistics update; here one 256 KiB array is filled before each write, so JSSE
 * writes full 16 KiB records back to back. Behaviour is the library's otherwise: ASCII line-end conversion, MODE Z
 * streams if ever enabled, the session's byte counters and idle clock, closing the connection after a transfer.
 */
final class WharfDataConnection implements DataConnection {
    /** Bytes gathered per write to the data socket (and per read from it on uploads). */
    static final int BUFFER = 256 * 1024;
    /** How long, and how much, an upload storage refused is still read from the client before the connection closes. */
    static final long DISCARD_MILLIS = 2_000;
    static final long DISCARD_BYTES = 64L * 1024 * 1024;
    private static final byte[] EOL = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final boolean zipMode;
    private final Runnable activity;
    private final Runnable close;

    /**
     * @param activity called after every buffer moved (keeps the control connection's idle clock running)
     * @param close    called when a transfer fails (closes the data connection)
     */
    WharfDataConnection(Socket socket, boolean zipMode, Runnable activity, Runnable close) {
        this.socket = socket;
        this.zipMode = zipMode;
        this.activity = activity;
        this.close = close;
    }

    @Override
    public long transferFromClient(FtpSession ftpSession, OutputStream out) throws IOException {
        try (InputStream in = input()) {
            return copy(ftpSession, false, in, out);
        }
    }

    @Override
    public long transferToClient(FtpSession ftpSession, InputStream in) throws IOException {
        try (OutputStream out = output()) {
            return copy(ftpSession, true, in, out);
        }
    }

    @Override
    public void transferToClient(FtpSession ftpSession, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = output()) {
            out.write(bytes);
            out.flush();
        }
        counted(ftpSession, true, bytes.length);
    }

    private InputStream input() throws IOException {
        InputStream in = open().getInputStream();
        return zipMode ? new InflaterInputStream(in) : in;
    }

    private OutputStream output() throws IOException {
        OutputStream out = open().getOutputStream();
        return zipMode ? new DeflaterOutputStream(out) : out;
    }

    private Socket open() throws IOException {
        if (socket == null) {
            throw new IOException("Cannot open data connection.");
        }
        return socket;
    }

    private long copy(FtpSession ftpSession, boolean toClient, InputStream in, OutputStream out) throws IOException {
        AsciiLines ascii = ftpSession.getDataType() == DataType.ASCII
                ? new AsciiLines(toClient, new BufferedOutputStream(out, BUFFER)) : null;
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        boolean reading = true;
        try {
            while (true) {
                reading = true;
                // downloads gather a full buffer from storage so that TLS sees large writes; uploads take what the
                // socket has, so a slow client's bytes are not held back
                int n = toClient ? in.readNBytes(buffer, 0, BUFFER) : in.read(buffer);
                reading = false;
                if (n > 0) {
                    total += n;
                    counted(ftpSession, toClient, n);
                    if (ascii != null) {
                        ascii.write(buffer, n);
                    } else {
                        out.write(buffer, 0, n);
                    }
                    activity.run();
                }
                if (n < 0 || (toClient && n < BUFFER)) {
                    break; // readNBytes returns short only at the end of the stream
                }
            }
            reading = false;
            (ascii != null ? ascii.out : out).flush();
            return total;
        } catch (IOException | RuntimeException e) {
            boolean storageRefused = !toClient && !reading;
            if (storageRefused) {
                discardRest(in);
            }
            close.run();
            if (storageRefused) {
                throw new StorageRefusedUpload(e);
            }
            throw e;
        }
    }

    /**
     * After storage refused an upload (it failed, or a quota was reached), reads and drops what the client is still
     * sending, for at most {@link #DISCARD_MILLIS} and {@link #DISCARD_BYTES}. A client such as curl reads the control
     * connection only once it has sent everything, and gives up without reading it when the data connection is
     * closed under its writes; draining lets it end the upload and read the reply that says why it failed.
     */
    private void discardRest(InputStream in) {
        long deadline = System.nanoTime() + DISCARD_MILLIS * 1_000_000;
        byte[] buffer = new byte[BUFFER];
        long dropped = 0;
        try {
            while (dropped < DISCARD_BYTES) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                socket.setSoTimeout((int) left);
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                dropped += n;
            }
        } catch (IOException e) {
            // the client went away or kept sending too long: the connection is closed next either way
        }
    }

    private static void counted(FtpSession ftpSession, boolean toClient, int n) {
        if (ftpSession instanceof DefaultFtpSession s) {
            if (toClient) {
                s.increaseWrittenDataBytes(n);
            } else {
                s.increaseReadDataBytes(n);
            }
        }
    }

    /**
     * The library's ASCII rules: to the client every bare LF becomes CRLF; from it CR, LF and CRLF become this
     * system's line end. The previous byte is kept across buffers.
     */
    private static final class AsciiLines {
        private final boolean toClient;
        private final OutputStream out;
        private byte prev;

        AsciiLines(boolean toClient, OutputStream out) {
            this.toClient = toClient;
            this.out = out;
        }

        void write(byte[] b, int n) throws IOException {
            for (int i = 0; i < n; i++) {
                byte c = b[i];
                if (toClient) {
                    if (c == '\n' && prev != '\r') {
                        out.write('\r');
                    }
                    out.write(c);
                } else if (c == '\n') {
                    if (prev != '\r') {
                        out.write(EOL);
                    }
                } else if (c == '\r') {
                    out.write(EOL);
                } else {
                    out.write(c);
                }
                prev = c;
            }
        }
    }
}
