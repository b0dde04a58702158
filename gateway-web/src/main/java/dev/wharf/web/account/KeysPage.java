package dev.wharf.web.account;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.web.files.PortalRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.List;

/**
 * The signed-in user's SSH public keys (add, remove) and API keys (create with the secret shown once, revoke),
 * through identity-service with the user's own token. Every change needs the session's CSRF token.
 */
@Path("/keys")
@Authenticated
@Blocking
public class KeysPage {
    @Inject
    PortalRequest request;
    @Inject
    AccountClient account;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance keys(String user, String tenant, List<AccountClient.SshKey> sshKeys,
                                            List<AccountClient.ApiKey> apiKeys, String csrf);

        static native TemplateInstance created(String user, String tenant, AccountClient.CreatedApiKey key);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show() {
        String user = request.session().username();
        String tenant = request.tenant();
        String token = request.accessToken();
        return Templates.keys(user, tenant, account.sshKeys(tenant, user, token), account.apiKeys(tenant, user, token),
                request.csrfToken());
    }

    @POST
    @Path("ssh")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addSshKey(@RestForm String csrf, @RestForm String publicKey) {
        request.checkCsrf(csrf);
        if (publicKey == null || publicKey.isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "paste a public key");
        }
        account.addSshKey(request.tenant(), request.session().username(), request.accessToken(), publicKey.strip());
        return backToKeys();
    }

    @POST
    @Path("ssh/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeSshKey(@RestForm String csrf, @RestForm String id) {
        request.checkCsrf(csrf);
        account.removeSshKey(request.tenant(), request.session().username(), request.accessToken(), id);
        return backToKeys();
    }

    /** The new key's secret is on this answer only: never stored by the gateway, never cached by the browser. */
    @POST
    @Path("api")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response createApiKey(@RestForm String csrf, @RestForm String name) {
        request.checkCsrf(csrf);
        if (name == null || name.isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "name the key");
        }
        String user = request.session().username();
        AccountClient.CreatedApiKey key = account.createApiKey(request.tenant(), user, request.accessToken(),
                name.strip());
        return Response.ok(Templates.created(user, request.tenant(), key)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("api/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeApiKey(@RestForm String csrf, @RestForm String id) {
        request.checkCsrf(csrf);
        account.revokeApiKey(request.tenant(), request.session().username(), request.accessToken(), id);
        return backToKeys();
    }

    private static Response backToKeys() {
        return Response.seeOther(URI.create("/keys")).build();
    }
}
