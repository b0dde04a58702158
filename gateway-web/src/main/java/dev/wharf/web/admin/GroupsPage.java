package dev.wharf.web.admin;

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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The tenant's groups for its administrators: create, delete, members, and the protocols, address ranges, folder
 * rules and shared folders a group gives its members. Every change needs the session's CSRF token.
 */
@Path("/admin/groups")
@Authenticated
@Blocking
public class GroupsPage {
    @Inject
    PortalRequest request;
    @Inject
    AdminClient admin;

    /** One group as the page shows it; {@code id} prefixes its element ids. */
    public record GroupView(String id, String name, List<String> members, List<String> allowedProtocols,
                            String allowedCidrs, AccessForm access, List<String> others) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance groups(String user, String tenant, List<GroupView> groups,
                                              List<String> protocols, String csrf);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        String tenant = request.adminTenant();
        String token = request.accessToken();
        List<String> users = admin.users(token, tenant).stream().map(AdminClient.UserSummary::username).sorted()
                .toList();
        List<AdminClient.Group> sorted = admin.groups(token, tenant).stream()
                .sorted(Comparator.comparing(AdminClient.Group::name)).toList();
        List<GroupView> groups = IntStream.range(0, sorted.size()).mapToObj(i -> {
            AdminClient.Group g = sorted.get(i);
            List<String> members = g.members() == null ? List.of() : g.members();
            return new GroupView("group-" + i, g.name(), members,
                    g.allowedProtocols() == null ? List.of() : g.allowedProtocols(),
                    FormValues.lines(g.allowedCidrs()), AccessForm.of(g.folderRules(), g.sharedFolders()),
                    users.stream().filter(u -> !members.contains(u)).toList());
        }).toList();
        return Templates.groups(request.session().username(), tenant, groups, FormValues.PROTOCOLS,
                request.csrfToken());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String csrf, @RestForm String name, @RestForm List<String> allowedProtocols) {
        request.checkCsrf(csrf);
        String tenant = request.adminTenant();
        if (name == null || name.isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "name the group");
        }
        admin.createGroup(request.accessToken(), tenant, name.strip(), FormValues.protocols(allowedProtocols));
        return back();
    }

    /**
     * Saves what the group gives its members: protocols, address ranges, folder rules and shared folders (every
     * field; a line identity-service cannot read is refused with its explanation and nothing changes).
     */
    @POST
    @Path("{group}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("group") String group, @RestForm String csrf,
                         @RestForm List<String> allowedProtocols, @RestForm String allowedCidrs,
                         @RestForm String folderRules, @RestForm String sharedFolders) {
        request.checkCsrf(csrf);
        admin.updateGroup(request.accessToken(), request.adminTenant(), group,
                FormValues.protocols(allowedProtocols), FormValues.list(allowedCidrs),
                AccessForm.typed(folderRules, sharedFolders));
        return back();
    }

    @POST
    @Path("{group}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("group") String group, @RestForm String csrf) {
        request.checkCsrf(csrf);
        admin.deleteGroup(request.accessToken(), request.adminTenant(), group);
        return back();
    }

    @POST
    @Path("{group}/members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addMember(@PathParam("group") String group, @RestForm String csrf, @RestForm String username) {
        request.checkCsrf(csrf);
        admin.addMember(request.accessToken(), request.adminTenant(), group, username);
        return back();
    }

    @POST
    @Path("{group}/members/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeMember(@PathParam("group") String group, @RestForm String csrf,
                                 @RestForm String username) {
        request.checkCsrf(csrf);
        admin.removeMember(request.accessToken(), request.adminTenant(), group, username);
        return back();
    }

    private static Response back() {
        return Response.seeOther(URI.create("/admin/groups")).build();
    }
}
