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
 * through identity-service with the user's own token. Every change needs the session's CSRF token. The same page
 * and actions serve a tenant administrator managing another user's keys ({@link KeysOf}, under
 * {@code /admin/users/<u>/keys}).
 */
@Path("/keys")
@Authenticated
@Blocking
public class KeysPage {
    @Inject
    PortalRequest request;
    @Inject
    AccountClient account;

    /**
     * Whose keys a page shows and changes: {@code owner}, at {@code base} ({@code /keys} for one's own);
     * {@code page} is the menu entry it belongs to.
     */
    public record KeysOf(String owner, String base, String page) {
        /** The signed-in user's own keys. */
        static KeysOf own(PortalRequest request) {
            return new KeysOf(request.session().username(), "/keys", "keys");
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance keys(String user, String tenant, List<AccountClient.SshKey> sshKeys,
                                            List<AccountClient.ApiKey> apiKeys, String csrf, KeysOf of,
                                            boolean own);

        static native TemplateInstance created(String user, String tenant, AccountClient.CreatedApiKey key,
                                               KeysOf of);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show() {
        return page(request, account, KeysOf.own(request));
    }

    @POST
    @Path("ssh")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addSshKey(@RestForm String csrf, @RestForm String publicKey) {
        return addSshKey(request, account, KeysOf.own(request), csrf, publicKey);
    }

    @POST
    @Path("ssh/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeSshKey(@RestForm String csrf, @RestForm String id) {
        return removeSshKey(request, account, KeysOf.own(request), csrf, id);
    }

    @POST
    @Path("api")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response createApiKey(@RestForm String csrf, @RestForm String name) {
        return createApiKey(request, account, KeysOf.own(request), csrf, name);
    }

    @POST
    @Path("api/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeApiKey(@RestForm String csrf, @RestForm String id) {
        return revokeApiKey(request, account, KeysOf.own(request), csrf, id);
    }

    /** The keys page of {@code of}'s keys. */
    public static TemplateInstance page(PortalRequest request, AccountClient account, KeysOf of) {
        String tenant = request.tenant();
        String token = request.accessToken();
        return Templates.keys(request.session().username(), tenant, account.sshKeys(tenant, of.owner(), token),
                account.apiKeys(tenant, of.owner(), token), request.csrfToken(), of,
                of.owner().equals(request.session().username()));
    }

    public static Response addSshKey(PortalRequest request, AccountClient account, KeysOf of, String csrf,
                                     String publicKey) {
        request.checkCsrf(csrf);
        if (publicKey == null || publicKey.isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "paste a public key");
        }
        account.addSshKey(request.tenant(), of.owner(), request.accessToken(), publicKey.strip());
        return back(of);
    }

    public static Response removeSshKey(PortalRequest request, AccountClient account, KeysOf of, String csrf,
                                        String id) {
        request.checkCsrf(csrf);
        account.removeSshKey(request.tenant(), of.owner(), request.accessToken(), id);
        return back(of);
    }

    /** The new key's secret is on this answer only: never stored by the gateway, never cached by the browser. */
    public static Response createApiKey(PortalRequest request, AccountClient account, KeysOf of, String csrf,
                                        String name) {
        request.checkCsrf(csrf);
        if (name == null || name.isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "name the key");
        }
        AccountClient.CreatedApiKey key = account.createApiKey(request.tenant(), of.owner(), request.accessToken(),
                name.strip());
        return Response.ok(Templates.created(request.session().username(), request.tenant(), key, of))
                .header("Cache-Control", "no-store").build();
    }

    public static Response revokeApiKey(PortalRequest request, AccountClient account, KeysOf of, String csrf,
                                        String id) {
        request.checkCsrf(csrf);
        account.revokeApiKey(request.tenant(), of.owner(), request.accessToken(), id);
        return back(of);
    }

    private static Response back(KeysOf of) {
        return Response.seeOther(URI.create(of.base())).build();
    }
}
