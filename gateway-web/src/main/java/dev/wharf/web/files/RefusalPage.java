package dev.wharf.web.files;

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

    static int status(Reason r) {
        return switch (r) {
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, DIRECTORY_NOT_EMPTY -> 409;
            case SERVICE_UNAVAILABLE -> 503;
            case INTERNAL_ERROR -> 500;
            case STORAGE_FULL -> 507;
            case QUOTA_EXCEEDED -> 413;
            case BAD_REQUEST, INVALID_PATH, NOT_A_DIRECTORY, IS_A_DIRECTORY, INVALID_OFFSET, UPLOAD_ABORTED,
                 UNSUPPORTED_OPERATION -> 400;
            // sign-in refusals (policy, identity), CSRF, permission
            default -> 403;
        };
    }
}
