package dev.wharf.ftp.server;

import org.apache.ftpserver.message.MessageResource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's reply texts with Wharf's own where they matter: the greeting, the FEAT list (only what the gateway
 * really supports: no MD5/MMD5, no MODE Z, no languages) and STAT (which must not name the server software).
 */
final class GatewayMessages implements MessageResource {
    static final String FEATURES = String.join("\n",
            "Extensions supported",
            " AUTH TLS",
            " HOST",
            " HASH SHA-256*",
            " PBSZ",
            " PROT",
            " EPSV",
            " SIZE",
            " MDTM",
            " MFMT",
            " REST STREAM",
            " MLST Size;Modify;Type;Perm",
            " UTF8",
            " TVFS",
            "End");

    private static final Map<String, String> OWN = Map.of(
            "220", "Wharf FTP gateway ready.",
            "211.FEAT", FEATURES,
            "211.STAT",
            "Wharf FTP gateway\nConnected from {client.ip}\nLogged in as {client.login.name}\nEnd of status.");

    private final MessageResource library;

    GatewayMessages(MessageResource library) {
        this.library = library;
    }

    @Override
    public List<String> getAvailableLanguages() {
        return library.getAvailableLanguages();
    }

    @Override
    public String getMessage(int code, String subId, String language) {
        String own = OWN.get(subId == null ? String.valueOf(code) : code + "." + subId);
        return own != null ? own : library.getMessage(code, subId, language);
    }

    @Override
    public Map<String, String> getMessages(String language) {
        Map<String, String> all = new HashMap<>(library.getMessages(language));
        all.putAll(OWN);
        return all;
    }
}
