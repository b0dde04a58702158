package dev.wharf.web.files;

import dev.wharf.api.http.ReasonStatus;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal as a page: the reason's message for people, and its code (the same as in the log and audit). */
public class RefusalPage {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refusal(String code, String message, String explanation);
    }

    @ServerExceptionMapper
    public Response refused(WharfException e) {
        Reason r = e.reason();
        return Response.status(status(r)).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.refusal(r.code(), r.userMessage(),
                        e instanceof ExplainedRefusal ? e.detail() : null)).build();
    }

    /**
     * The platform's one reason-to-status table ({@link ReasonStatus}), except that a page never answers 401: that
     * status is an HTTP authentication challenge and needs a {@code WWW-Authenticate} header a browser page has not.
     */
    static int status(Reason r) {
        int status = ReasonStatus.of(r);
        return status == 401 ? 403 : status;
    }
}
