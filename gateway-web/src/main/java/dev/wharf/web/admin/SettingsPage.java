package dev.wharf.web.admin;

import dev.wharf.web.account.ConnectPage;
import dev.wharf.web.files.PortalRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.List;

/**
 * The FTP server settings page (Fotoware Flow's Settings > FTP Server, and more): the tenant's host names, the host,
 * port and user-name form of each protocol, and the site settings, editable. Tenant administrators only.
 */
@Path("/admin/settings")
@Authenticated
@Blocking
public class SettingsPage {
    @Inject
    PortalRequest request;
    @Inject
    AdminClient admin;
    @Inject
    RoutingContext context;

    /** One way to connect as the page shows it; {@code id} prefixes its element ids. */
    public record Endpoint(String id, String title, String host, int port, String username) {
    }

    /**
     * The site settings as the form shows them: address ranges and host names one a line, countries on one line,
     * absent values as their defaults.
     */
    public record SiteForm(String allowedCidrs, String allowedCountries, String deniedCountries, String hostnames,
                           boolean either, List<String> disabledProtocols, boolean plainFtpAllowed,
                           boolean activeFtpAllowed, boolean protocolsPerGroup, long otpGraceSeconds,
                           boolean secondFactorRequired, List<String> secondFactorExempt, int passwordMaxAgeDays) {
        static SiteForm of(AdminClient.SiteSettings s) {
            return new SiteForm(FormValues.lines(s.allowedCidrs()), FormValues.words(s.allowedCountries()),
                    FormValues.words(s.deniedCountries()), FormValues.lines(s.hostnames()),
                    "either".equals(s.addressRule()),
                    s.disabledProtocols() == null ? List.of() : s.disabledProtocols(),
                    Boolean.TRUE.equals(s.plainFtpAllowed()), Boolean.TRUE.equals(s.activeFtpAllowed()),
                    Boolean.TRUE.equals(s.protocolsPerGroup()),
                    s.otpGraceSeconds() == null ? 0 : s.otpGraceSeconds(),
                    Boolean.TRUE.equals(s.secondFactorRequired()),
                    s.secondFactorExempt() == null ? List.of() : s.secondFactorExempt(),
                    s.passwordMaxAgeDays() == null ? 0 : s.passwordMaxAgeDays());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(String user, String tenant, String portal, List<String> hostnames,
                                                List<Endpoint> endpoints, SiteForm site, Limits storage,
                                                List<String> protocols, List<String> exemptions, boolean saved,
                                                String csrf);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show(@QueryParam("saved") String saved) {
        String tenant = request.adminTenant();
        String token = request.accessToken();
        AdminClient.Tenant t = admin.tenant(token, tenant);
        List<Endpoint> endpoints = admin.connections(token, tenant).stream()
                .map(c -> new Endpoint(c.protocol(), ConnectPage.title(c.protocol()), c.host(), c.port(),
                        c.username())).toList();
        return Templates.settings(request.session().username(), tenant,
                "https://" + context.request().authority() + "/", t.hostnames(), endpoints, SiteForm.of(t.settings()),
                Limits.of(admin.settings(token, tenant)), FormValues.PROTOCOLS, FormValues.SECOND_FACTOR_EXEMPTIONS, saved != null,
                request.csrfToken());
    }

    /**
     * Saves the site's storage limits (the "Storage" form): the tenant's quota, the largest file any user may upload
     * and the shared folders' limits; an empty field removes its limit.
     */
    @POST
    @Path("storage")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveStorage(@RestForm String csrf, @RestForm String quotaBytes, @RestForm String quotaFiles,
                                @RestForm String maxFileSize, @RestForm String folderQuotas) {
        request.checkCsrf(csrf);
        String tenant = request.adminTenant();
        admin.updateSettings(request.accessToken(), tenant, AdminClient.SiteSettings.storage(
                LimitsForm.bytes("the site's quota", quotaBytes), LimitsForm.count("the most files", quotaFiles),
                LimitsForm.bytes("the largest file", maxFileSize), FormValues.lineList(folderQuotas)));
        return Response.seeOther(URI.create("/admin/settings?saved=1")).build();
    }

    /**
     * Saves every field of the form (a box left unchecked is off, an empty list clears it), the 2FA requirement,
     * its exemptions and the password's maximum age (empty or 0: none) among them.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@RestForm String csrf, @RestForm String allowedCidrs, @RestForm String allowedCountries,
                         @RestForm String deniedCountries, @RestForm String addressRule,
                         @RestForm List<String> disabledProtocols, @RestForm String plainFtpAllowed,
                         @RestForm String activeFtpAllowed, @RestForm String protocolsPerGroup, @RestForm Long otpGraceSeconds,
                         @RestForm String hostnames, @RestForm String secondFactorRequired,
                         @RestForm List<String> secondFactorExempt, @RestForm String passwordMaxAgeDays) {
        request.checkCsrf(csrf);
        String tenant = request.adminTenant();
        int maxAge = LimitsForm.days("the password's maximum age in days", passwordMaxAgeDays);
        admin.updateSettings(request.accessToken(), tenant, new AdminClient.SiteSettings(
                otpGraceSeconds == null ? 0L : otpGraceSeconds, FormValues.checked(plainFtpAllowed),
                FormValues.checked(protocolsPerGroup), FormValues.list(allowedCidrs),
                FormValues.countries(allowedCountries), FormValues.countries(deniedCountries),
                FormValues.list(hostnames), addressRule, FormValues.protocols(disabledProtocols),
                FormValues.checked(activeFtpAllowed), FormValues.checked(secondFactorRequired),
                FormValues.exemptions(secondFactorExempt), maxAge));
        return Response.seeOther(URI.create("/admin/settings?saved=1")).build();
    }
}
