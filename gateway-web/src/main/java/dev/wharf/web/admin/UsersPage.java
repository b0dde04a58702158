package dev.wharf.web.admin;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.identity.PasswordGenerator;
import dev.wharf.web.account.AccountClient;
import dev.wharf.web.account.ConnectPage;
import dev.wharf.web.account.KeysPage;
import dev.wharf.web.files.PortalRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The tenant's users for its administrators: the list, a new user (with a generated strong password shown once,
 * together with the sharing details), and one user's settings (enabled, forced password change, protocols, home,
 * address ranges), folder rules and shared folders, password reset, TOTP enrolment (QR code), SSH and API keys (the keys page acting on the
 * user), the tenant-administrator role and deletion (after a confirmation page). Every change needs the session's
 * CSRF token; identity-service keeps an administrator from deleting, disabling or demoting themself, and the pages
 * do not offer it.
 */
@Path("/admin/users")
@Authenticated
@Blocking
public class UsersPage {
    private final PasswordGenerator passwords = new PasswordGenerator();

    @Inject
    PortalRequest request;
    @Inject
    AdminClient admin;
    @Inject
    AccountClient account;

    /** One way to connect for a user; {@code id} prefixes its element ids. */
    public record Share(String id, String title, String host, int port, String username) {
    }

    /** One user's settings as the form shows them. */
    public record UserForm(String username, boolean enabled, String home, List<String> allowedProtocols,
                           String allowedCidrs, List<String> groups, boolean mustChangePassword, boolean otp,
                           int sshKeys, int apiKeys, String created, Limits limits, AccessForm access) {
        static UserForm of(AdminClient.User u) {
            return new UserForm(u.username(), u.enabled(), u.home(),
                    u.allowedProtocols() == null ? List.of() : u.allowedProtocols(),
                    FormValues.lines(u.allowedCidrs()), u.groups() == null ? List.of() : u.groups(),
                    u.mustChangePassword(), u.otp(), u.sshKeys(), u.apiKeys(), u.created(), Limits.of(u),
                    AccessForm.of(u.folderRules(), u.sharedFolders()));
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(String user, String tenant, UserList list, List<String> protocols,
                                             String deleted, String csrf);

        static native TemplateInstance user(String user, String tenant, UserForm target, List<String> protocols,
                                            boolean saved, String csrf, boolean admin, boolean self);

        static native TemplateInstance delete(String user, String tenant, String target, String csrf);

        static native TemplateInstance password(String user, String tenant, String target, String password,
                                                boolean created, List<Share> sharing);

        static native TemplateInstance otp(String user, String tenant, String target, String secret,
                                           RawString qr);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("q") String search, @QueryParam("page") Integer page,
                                 @QueryParam("deleted") String deleted) {
        String tenant = request.adminTenant();
        String token = request.accessToken();
        UserList list = UserList.of(admin.users(token, tenant), Set.copyOf(admin.admins(token, tenant)), search,
                page == null ? 1 : page);
        return Templates.users(request.session().username(), tenant, list, FormValues.PROTOCOLS, deleted,
                request.csrfToken());
    }

    /**
     * Creates a user with a password identity-service generates; the answer shows it once (never stored here,
     * never cached by the browser) beside the sharing details of each protocol the user may use.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@RestForm String csrf, @RestForm String username, @RestForm String home,
                           @RestForm List<String> allowedProtocols, @RestForm String allowedCidrs,
                           @RestForm String mustChangePassword) {
        request.checkCsrf(csrf);
        String tenant = request.adminTenant();
        if (username == null || username.isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "name the user");
        }
        AdminClient.CreatedUser created = admin.createUser(request.accessToken(), tenant, new AdminClient.NewUser(
                username.strip(), home == null || home.isBlank() ? null : home.strip(),
                FormValues.protocols(allowedProtocols), FormValues.list(allowedCidrs),
                FormValues.checked(mustChangePassword)));
        List<Share> sharing = created.sharing() == null ? List.of() : created.sharing().stream()
                .map(c -> new Share(c.protocol(), ConnectPage.title(c.protocol()), c.host(), c.port(), c.username()))
                .toList();
        return shownOnce(Templates.password(request.session().username(), tenant, created.username(),
                created.password(), true, sharing));
    }

    @GET
    @Path("{username}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show(@PathParam("username") String username, @QueryParam("saved") String saved) {
        String tenant = request.adminTenant();
        String token = request.accessToken();
        AdminClient.User u = admin.user(token, tenant, username);
        boolean isAdmin = admin.admins(token, tenant).contains(u.username());
        return Templates.user(request.session().username(), tenant, UserForm.of(u), FormValues.PROTOCOLS,
                saved != null, request.csrfToken(), isAdmin, isSelf(u.username()));
    }

    /** Makes the user an administrator of the tenant (the same as {@code wharf admin grant}). */
    @POST
    @Path("{username}/admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response grantAdmin(@PathParam("username") String username, @RestForm String csrf) {
        request.checkCsrf(csrf);
        admin.grantAdmin(request.accessToken(), request.adminTenant(), username);
        return saved(username, "");
    }

    /** Takes the administrator role away; their portal session keeps it until its token expires (minutes). */
    @POST
    @Path("{username}/admin/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeAdmin(@PathParam("username") String username, @RestForm String csrf) {
        request.checkCsrf(csrf);
        admin.revokeAdmin(request.accessToken(), request.adminTenant(), username);
        return saved(username, "");
    }

    /** The confirmation step of a deletion: what goes, and the one button that does it. */
    @GET
    @Path("{username}/delete")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance confirmDelete(@PathParam("username") String username) {
        String tenant = request.adminTenant();
        AdminClient.User u = admin.user(request.accessToken(), tenant, username);
        return Templates.delete(request.session().username(), tenant, u.username(), request.csrfToken());
    }

    /** Deletes the user (their account, keys and second factor; their files stay in storage). */
    @POST
    @Path("{username}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("username") String username, @RestForm String csrf) {
        request.checkCsrf(csrf);
        admin.deleteUser(request.accessToken(), request.adminTenant(), username);
        return Response.seeOther(URI.create("/admin/users?deleted=" + AdminClient.encode(username))).build();
    }

    /** Whether {@code username} is the signed-in administrator (the pages offer no way to lock oneself out). */
    private boolean isSelf(String username) {
        return username.equalsIgnoreCase(request.session().username());
    }

    /** Saves the user's settings: every field of the form (an unchecked box is off, an empty list clears it). */
    @POST
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("username") String username, @RestForm String csrf, @RestForm String enabled,
                         @RestForm String mustChangePassword, @RestForm String home,
                         @RestForm List<String> allowedProtocols, @RestForm String allowedCidrs) {
        request.checkCsrf(csrf);
        String tenant = request.adminTenant();
        admin.updateUser(request.accessToken(), tenant, username, new AdminClient.UserPatch(
                FormValues.checked(enabled), home == null || home.isBlank() ? null : home.strip(),
                FormValues.protocols(allowedProtocols), FormValues.list(allowedCidrs),
                FormValues.checked(mustChangePassword)));
        return saved(username, "");
    }

    /**
     * Saves the user's limits (the "Limits and storage" form): every field, an empty one removing its limit; a
     * value that does not read as one is refused before anything changes, saying what the field wants.
     */
    @POST
    @Path("{username}/limits")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveLimits(@PathParam("username") String username, @RestForm String csrf,
                               @RestForm String quotaBytes, @RestForm String quotaFiles,
                               @RestForm String maxFileSize, @RestForm String uploadRate,
                               @RestForm String downloadRate, @RestForm String expires,
                               @RestForm String maxSessions) {
        request.checkCsrf(csrf);
        String tenant = request.adminTenant();
        AdminClient.LimitsPatch limits = new AdminClient.LimitsPatch(
                LimitsForm.bytes("quota", quotaBytes), LimitsForm.count("the most files", quotaFiles),
                LimitsForm.bytes("the largest file", maxFileSize),
                LimitsForm.bytes("the upload bandwidth", uploadRate),
                LimitsForm.bytes("the download bandwidth", downloadRate),
                LimitsForm.day("the expiry date", expires),
                (int) Math.min(Integer.MAX_VALUE, LimitsForm.count("sessions at once", maxSessions)));
        admin.updateUserLimits(request.accessToken(), tenant, username, limits);
        return saved(username, "#limits-title");
    }

    /**
     * Saves the user's own folder rules and shared folders (the "Folder access" form), each field whole, an empty
     * one clearing it; a line identity-service cannot read is refused with its explanation and nothing changes.
     */
    @POST
    @Path("{username}/access")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveAccess(@PathParam("username") String username, @RestForm String csrf,
                               @RestForm String folderRules, @RestForm String sharedFolders) {
        request.checkCsrf(csrf);
        admin.updateUserAccess(request.accessToken(), request.adminTenant(), username,
                AccessForm.typed(folderRules, sharedFolders));
        return saved(username, "#access-title");
    }

    /**
     * Gives the user a new generated password, shown once with the sharing details; with {@code mustChangePassword}
     * the user replaces it at their next sign-in.
     */
    @POST
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response resetPassword(@PathParam("username") String username, @RestForm String csrf,
                                  @RestForm String mustChangePassword) {
        request.checkCsrf(csrf);
        String tenant = request.adminTenant();
        String token = request.accessToken();
        String password = passwords.generate();
        admin.setPassword(token, tenant, username, password);
        if (FormValues.checked(mustChangePassword)) {
            admin.updateUser(token, tenant, username, new AdminClient.UserPatch(null, null, null, null, true));
        }
        List<Share> sharing = account.sharing(tenant, username, token).stream()
                .map(s -> new Share(s.protocol(), ConnectPage.title(s.protocol()), s.host(), s.port(), s.username()))
                .toList();
        return shownOnce(Templates.password(request.session().username(), tenant, username, password, false,
                sharing));
    }

    /**
     * Enrols a TOTP second factor for the user: the QR code (inline SVG of the {@code otpauth://} address) and the
     * secret are on this answer only, for the administrator to hand over (the user scans it in their app).
     */
    @POST
    @Path("{username}/otp")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response enrolOtp(@PathParam("username") String username, @RestForm String csrf) {
        request.checkCsrf(csrf);
        String tenant = request.adminTenant();
        AdminClient.OtpEnrolment otp = admin.enrolOtp(request.accessToken(), tenant, username);
        return shownOnce(Templates.otp(request.session().username(), tenant, otp.username(), otp.secret(),
                new RawString(QrSvg.of(otp.otpauthUri(), "QR code of the TOTP secret for " + otp.username()))));
    }

    /** Removes the user's second factor (they sign in with the password alone until they enrol again). */
    @POST
    @Path("{username}/otp/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeOtp(@PathParam("username") String username, @RestForm String csrf) {
        request.checkCsrf(csrf);
        admin.removeOtp(request.accessToken(), request.adminTenant(), username);
        return saved(username, "");
    }

    /** The user's SSH and API keys: the keys page, acting on this user (identity-service checks the admin). */
    @GET
    @Path("{username}/keys")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance keys(@PathParam("username") String username) {
        return KeysPage.page(request, account, keysOf(username));
    }

    @POST
    @Path("{username}/keys/ssh")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addSshKey(@PathParam("username") String username, @RestForm String csrf,
                              @RestForm String publicKey) {
        return KeysPage.addSshKey(request, account, keysOf(username), csrf, publicKey);
    }

    @POST
    @Path("{username}/keys/ssh/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeSshKey(@PathParam("username") String username, @RestForm String csrf,
                                 @RestForm String id) {
        return KeysPage.removeSshKey(request, account, keysOf(username), csrf, id);
    }

    @POST
    @Path("{username}/keys/api")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response createApiKey(@PathParam("username") String username, @RestForm String csrf,
                                 @RestForm String name) {
        return KeysPage.createApiKey(request, account, keysOf(username), csrf, name);
    }

    @POST
    @Path("{username}/keys/api/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeApiKey(@PathParam("username") String username, @RestForm String csrf,
                                 @RestForm String id) {
        return KeysPage.revokeApiKey(request, account, keysOf(username), csrf, id);
    }

    /** {@code username}'s keys, for administrators only (404 for anyone else, as every admin page). */
    private KeysPage.KeysOf keysOf(String username) {
        request.adminTenant();
        return new KeysPage.KeysOf(username, "/admin/users/" + AdminClient.encode(username) + "/keys", "users");
    }

    /** Back to the user's page after a change, which says it was saved ({@code anchor}: where on the page). */
    private static Response saved(String username, String anchor) {
        return Response.seeOther(URI.create("/admin/users/" + AdminClient.encode(username) + "?saved=1" + anchor))
                .build();
    }

    private static Response shownOnce(TemplateInstance page) {
        return Response.ok(page).header("Cache-Control", "no-store").build();
    }
}
