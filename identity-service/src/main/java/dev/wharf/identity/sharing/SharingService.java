package dev.wharf.identity.sharing;

import dev.wharf.tenancy.AttributeValues;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.tenant.TenantRecord;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.identity.tenant.SiteAttributes;
import dev.wharf.identity.tenant.TenantService;
import dev.wharf.tenancy.UserAttributes;
import dev.wharf.identity.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Sharing details: host, port, user name and portal for each way a user may connect. */
@ApplicationScoped
public class SharingService {
    /** The kinds of connection, in the order they are offered. */
    static final List<String> KINDS = List.of("sftp", "ftps", "ftps-implicit", "ftp");

    private final TenantService tenants;
    private final TenantAccounts keycloak;
    private final PublicAddresses addresses;

    @Inject
    public SharingService(TenantService tenants, TenantAccounts keycloak, PublicAddresses addresses) {
        this.tenants = tenants;
        this.keycloak = keycloak;
        this.addresses = addresses;
    }

    /** The details of one kind of connection; 400 when the tenant or the user may not use it. */
    public Sharing forProtocol(String tenant, String rawUsername, String rawKind) {
        String kind = rawKind == null ? "" : rawKind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new WharfException(Reason.BAD_REQUEST, "protocol must be one of " + String.join(", ", KINDS)
                    + ", not " + VirtualPaths.printable(rawKind == null ? "nothing" : rawKind));
        }
        TenantRecord realm = tenants.require(tenant);
        String username = UserService.username(rawUsername);
        KeycloakUser user = keycloak.userByUsername(tenant, username)
                .orElseThrow(() -> new WharfException(Reason.NOT_FOUND, "no user " + username + " in tenant " + tenant));
        if (kind.equals("ftp") && !SiteAttributes.read(realm.attributes()).plainFtpAllowed()) {
            throw new WharfException(Reason.BAD_REQUEST, "tenant " + tenant + " does not allow unencrypted FTP "
                    + "(site setting plainFtpAllowed): share ftps instead");
        }
        List<String> allowed = AttributeValues.split(user.attribute(UserAttributes.PROTOCOLS).orElse(null));
        if (!allowed.isEmpty() && !allowed.contains(family(kind))) {
            throw new WharfException(Reason.BAD_REQUEST, "user " + username + " may not use " + family(kind)
                    + " (allowedProtocols " + String.join(",", allowed) + ")");
        }
        return sharing(realm, user.username(), kind);
    }

    /** The details of every kind of connection the user may use (its allowed protocols; none set: all). */
    public List<Sharing> all(String tenant, String username, List<String> allowedProtocols) {
        TenantRecord realm = tenants.require(tenant);
        boolean plain = SiteAttributes.read(realm.attributes()).plainFtpAllowed();
        List<Sharing> out = new ArrayList<>();
        for (String kind : KINDS) {
            boolean permitted = allowedProtocols == null || allowedProtocols.isEmpty()
                    || allowedProtocols.contains(family(kind));
            if (permitted && (!kind.equals("ftp") || plain)) {
                out.add(sharing(realm, username, kind));
            }
        }
        return out;
    }

    private Sharing sharing(TenantRecord realm, String username, String kind) {
        String tenant = realm.id();
        List<String> own = SiteAttributes.hostnames(realm.attributes());
        SharingConfig c = addresses.sharing();
        String host = addresses.host(tenant, own);
        int port = switch (kind) {
            case "sftp" -> c.sftpPort();
            case "ftps" -> c.ftpsPort();
            case "ftps-implicit" -> c.ftpsImplicitPort();
            default -> c.ftpPort();
        };
        // the gateway learns the tenant from the address (SFTP), from TLS SNI (FTPS to a host that names the
        // tenant), else only from a qualified user name: SSH and plain FTP carry no host name
        String qualified = username + "@" + addresses.tenantHost(tenant, own);
        String login = qualified;
        Optional<String> ownSftpAddress = addresses.sftpAddress(tenant);
        if (kind.equals("sftp") && ownSftpAddress.isPresent()) {
            host = ownSftpAddress.get();
            login = username;
        } else if (kind.startsWith("ftps") && host.equals(addresses.tenantHost(tenant, own))) {
            login = username;
        }
        String portal = addresses.portalUrl(tenant);
        String how = switch (kind) {
            case "sftp" -> "an SFTP client (sftp, WinSCP, FileZilla with protocol SFTP)";
            case "ftps" -> "an FTP client with explicit FTP over TLS (FTPS, AUTH TLS; in FileZilla: "
                    + "\"Require explicit FTP over TLS\")";
            case "ftps-implicit" -> "an FTP client with implicit FTP over TLS (in FileZilla: "
                    + "\"Require implicit FTP over TLS\")";
            default -> "an FTP client without encryption (plain FTP: the password and files travel unencrypted)";
        };
        String alternate = kind.equals("sftp") && c.sftpAlternatePort() > 0 && c.sftpAlternatePort() != port
                ? " (or port " + c.sftpAlternatePort() + " where a firewall blocks port " + port + ")" : "";
        String text = "Connect with " + how + " to host " + host + ", port " + port + alternate + ", user name "
                + login + ". Change your password and set up two-factor authentication at " + portal + ".";
        return new Sharing(kind, host, port, login, portal, text);
    }

    /** The protocol a kind of connection belongs to, as in allowedProtocols. */
    private static String family(String kind) {
        return kind.equals("ftps-implicit") ? "ftps" : kind;
    }
}
