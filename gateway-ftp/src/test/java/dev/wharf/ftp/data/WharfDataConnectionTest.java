package dev.wharf.ftp.data;

import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.FtpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WharfDataConnectionTest {
    private ServerSocket server;
    private Socket serverSide;
    private Socket clientSide;
    private final AtomicInteger activity = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        clientSide = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        serverSide = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        clientSide.close();
        serverSide.close();
        server.close();
    }

    private WharfDataConnection connection() {
        return new WharfDataConnection(serverSide, false, activity::incrementAndGet, closed::incrementAndGet);
    }

    private static FtpSession session(DataType type) {
        return (FtpSession) Proxy.newProxyInstance(FtpSession.class.getClassLoader(), new Class<?>[]{FtpSession.class},
                (proxy, method, args) -> method.getName().equals("getDataType") ? type : null);
    }

    private CompletableFuture<byte[]> clientReadsAll() {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = clientSide.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void aDownloadOfSeveralBuffersArrivesWholeAndClosesTheConnection() throws Exception {
        byte[] file = new byte[3 * WharfDataConnection.BUFFER + 12_345];
        new Random(1).nextBytes(file);
        CompletableFuture<byte[]> received = clientReadsAll();

        long sent = connection().transferToClient(session(DataType.BINARY), new ByteArrayInputStream(file));

        assertEquals(file.length, sent);
        assertArrayEquals(file, received.get(10, TimeUnit.SECONDS));
        assertEquals(4, activity.get(), "one activity per buffer");
        assertEquals(0, closed.get());
    }

    @Test
    void anUploadIsCopiedAsTheClientSendsIt() throws Exception {
        byte[] file = new byte[WharfDataConnection.BUFFER + 777];
        new Random(2).nextBytes(file);
        CompletableFuture.runAsync(() -> {
            try (OutputStream out = clientSide.getOutputStream()) {
                out.write(file);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        ByteArrayOutputStream stored = new ByteArrayOutputStream();

        long received = connection().transferFromClient(session(DataType.BINARY), stored);

        assertEquals(file.length, received);
        assertArrayEquals(file, stored.toByteArray());
    }

    @Test
    void asciiDownloadsEndEveryLineWithCrLfAcrossBufferBoundaries() throws Exception {
        // a CR at the very end of the first buffer and its LF at the start of the second must stay one CRLF
        StringBuilder text = new StringBuilder("a".repeat(WharfDataConnection.BUFFER - 1)).append("\r\nb\nc\r\n");
        CompletableFuture<byte[]> received = clientReadsAll();

        connection().transferToClient(session(DataType.ASCII),
                new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.US_ASCII)));

        String got = new String(received.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII);
        assertTrue(got.endsWith("a\r\nb\r\nc\r\n"), got.substring(got.length() - 12));
        assertEquals(WharfDataConnection.BUFFER - 1 + 8, got.length());
    }

    @Test
    void asciiUploadsStoreThisSystemsLineEnds() throws Exception {
        CompletableFuture.runAsync(() -> {
            try (OutputStream out = clientSide.getOutputStream()) {
                out.write("one\r\ntwo\rthree\nfour".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        ByteArrayOutputStream stored = new ByteArrayOutputStream();

        connection().transferFromClient(session(DataType.ASCII), stored);

        String eol = System.lineSeparator();
        assertEquals("one" + eol + "two" + eol + "three" + eol + "four", stored.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aFailedTransferClosesTheDataConnection() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("storage went away");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("storage went away");
            }
        };

        IOException e = assertThrows(IOException.class,
                () -> connection().transferToClient(session(DataType.BINARY), broken));
        assertEquals("storage went away", e.getMessage());
        assertEquals(1, closed.get());
    }
    @Test
    void anUploadStorageRefusesIsReadToItsEndSoThatTheClientFinishesSendingAndCanReadTheReply() throws Exception {
        byte[] upload = new byte[16 * 1024 * 1024]; // far more than the sockets buffer
        CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = clientSide.getOutputStream();
                out.write(upload);
                clientSide.shutdownOutput();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        OutputStream refusing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("quota reached");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("quota reached");
            }
        };

        IOException e = assertThrows(IOException.class,
                () -> connection().transferFromClient(session(DataType.BINARY), refusing));

        assertEquals("quota reached", e.getMessage());
        // the client's writes all went through: it was not cut off under them
        client.get(10, TimeUnit.SECONDS);
        assertEquals(1, closed.get());
    }

    @Test
    void aClientThatGoesOnSendingAfterStorageRefusedIsCutOffAfterTheGraceTime() {
        OutputStream refusing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("storage went away");
            }
        };
        CompletableFuture.runAsync(() -> {
            try {
                clientSide.getOutputStream().write(1); // one byte, then silence: the client never ends its upload
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });

        long start = System.nanoTime();
        assertThrows(IOException.class, () -> connection().transferFromClient(session(DataType.BINARY), refusing));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 10 * WharfDataConnection.DISCARD_MILLIS, "bounded by the grace time, took " + millis);
        assertEquals(1, closed.get());
    }
}
