package dev.wharf.ftp.support;

import org.apache.commons.net.ftp.FTPSClient;

import java.io.IOException;
import java.net.Socket;

/** FTPSClient with access to what the tests inspect: the control socket and a raw data connection. */
public final class TestFtpsClient extends FTPSClient {
    public TestFtpsClient(boolean implicit) {
        super("TLS", implicit);
    }

    public Socket controlSocket() {
        return _socket_;
    }

    /** Sends {@code command arg} and returns the (TLS when PROT P) data socket, for tests that cut transfers. */
    public Socket openData(String command, String arg) throws IOException {
        return _openDataConnection_(command, arg);
    }
}
