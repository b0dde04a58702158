package dev.wharf.ftp.tls;

/** The TLS material is missing, unreadable or inconsistent; the gateway refuses to start. */
public class TlsSetupException extends RuntimeException {
    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
