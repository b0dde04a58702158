package dev.wharf.ftp.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain control connection that sends raw lines and reads whole (multi-line) replies, for protocol-level tests. */
public final class RawControl implements AutoCloseable {
    private static final int MAX_REPLY_LINES = 200;
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    /** Connects to the explicit listener and reads the greeting. */
    public RawControl(GatewayFixture f, int readTimeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", f.explicitPort());
        socket.setSoTimeout(readTimeoutMillis);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        String greeting = reply();
        if (!greeting.startsWith("220")) {
            throw new IOException("unexpected greeting: " + greeting);
        }
    }

    /** Sends one line (CRLF appended) and returns the whole reply. */
    public String send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** Reads one reply; all its lines joined by '\n'; null at end of stream. */
    public String reply() throws IOException {
        String first = in.readLine();
        if (first == null) {
            return null;
        }
        StringBuilder all = new StringBuilder(first);
        if (first.length() >= 4 && first.charAt(3) == '-') {
            String end = first.substring(0, 3) + " ";
            for (int i = 0; i < MAX_REPLY_LINES; i++) {
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                all.append('\n').append(line);
                if (line.startsWith(end)) {
                    break;
                }
            }
        }
        return all.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
