package dev.wharf.web.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Pages only over HTTPS: the plain HTTP port serves health and metrics ({@code /q/}) to the orchestrator, nothing
 * a browser could sign in on. Also sets the security headers on every answer, sign-in redirects included.
 */
@ApplicationScoped
public class HttpsOnly {
    /** Same origin only; no inline script or style, nothing from other hosts; no framing. */
    static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    // before the authentication handlers: an http:// request never starts a sign-in
    private static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (!rc.request().isSSL() && !rc.normalizedPath().startsWith("/q/")) {
                rc.response().setStatusCode(404).end();
                return;
            }
            var h = rc.response().headers();
            h.set("Content-Security-Policy", CSP);
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("X-Frame-Options", "DENY");
            if (rc.request().isSSL()) {
                h.set("Strict-Transport-Security", "max-age=31536000");
            }
            rc.next();
        }, PRIORITY);
    }
}
