package dev.wharf.web.account;

import dev.wharf.web.files.PortalRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * "How to connect": the signed-in user's own sharing details for each protocol they may use (identity-service's
 * sharing answer: host, port, the exact user name that works with it), with copy buttons.
 */
@Path("/connect")
@Authenticated
@Blocking
public class ConnectPage {
    @Inject
    PortalRequest request;
    @Inject
    AccountClient account;
    @Inject
    RoutingContext context;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance connect(String user, String tenant, String portal, List<Protocol> protocols,
                                               String portalUrl);
    }

    /** One protocol's details as the page shows them; {@code id} prefixes the element ids of its values. */
    public record Protocol(String id, String title, String host, int port, String username, String instructions) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show() {
        String user = request.session().username();
        String tenant = request.tenant();
        List<AccountClient.Sharing> sharing = account.sharing(tenant, user, request.accessToken());
        List<Protocol> protocols = sharing.stream().map(s -> new Protocol(s.protocol(), title(s.protocol()),
                s.host(), s.port(), s.username(), s.instructions())).toList();
        String accountUrl = sharing.isEmpty() ? null : sharing.getFirst().portalUrl();
        return Templates.connect(user, tenant, "https://" + context.request().authority() + "/", protocols,
                accountUrl);
    }

    /** The name people know a protocol (or kind of FTPS) by. */
    public static String title(String protocol) {
        return switch (protocol) {
            case "sftp" -> "SFTP";
            case "ftps" -> "FTPS (explicit TLS, AUTH TLS)";
            case "ftps-implicit" -> "FTPS (implicit TLS)";
            case "ftp" -> "FTP (unencrypted)";
            default -> protocol;
        };
    }
}
