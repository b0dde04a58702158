package dev.wharf.core.session;

import java.util.Locale;

/**
 * The protocol a session speaks; {@code FTP} is plain (unencrypted) FTP, {@code FTPS} FTP over TLS, {@code HTTPS} the
 * web portal (gateway-web).
 */
public enum Protocol {
    FTP, FTPS, SFTP, HTTPS;

    /** Wire form used in events, policy and Keycloak attributes: {@code ftp}, {@code ftps}, {@code sftp}, {@code https}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean encrypted() {
        return this != FTP;
    }

    public static Protocol fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
