package dev.wharf.api.trace;

import dev.wharf.core.session.SessionLog;
import io.opentelemetry.api.trace.Span;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Takes the {@code Wharf-Session} header of a request from a gateway into the request's logging context (every log
 * line the request causes names the session) and onto its server span; requests without it are left alone.
 */
@ApplicationScoped
public class SessionHeaderFilter {
    /** Before Quarkus's own routes and RESTEasy: the session is known for every line they log. */
    static final int PRIORITY = 1000;
    /** A session id is a UUID; anything longer is not one of ours and is not logged. */
    static final int MAX_LENGTH = 64;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String session = rc.request().getHeader(SessionLog.HEADER);
            if (session != null && !session.isEmpty() && session.length() <= MAX_LENGTH && printable(session)) {
                // Quarkus keeps the MDC in the request's own Vert.x context, which the resource method sees on a
                // worker thread as well; the end handler clears it for the thread-local fallback
                SessionLog.Entered entered = SessionLog.enter(session);
                rc.addEndHandler(done -> entered.close());
                Span.current().setAttribute(SessionSpans.SESSION_ID, session);
            }
            rc.next();
        }, PRIORITY);
    }

    /** Letters, digits and dashes only: the value goes into log lines verbatim. */
    static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-') {
                return false;
            }
        }
        return true;
    }
}
