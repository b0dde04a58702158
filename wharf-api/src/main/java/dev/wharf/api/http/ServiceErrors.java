package dev.wharf.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.WireJson;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.io.IOException;

/**
 * Turns a service's non-2xx answer into the {@link WharfException} the gateways act on. A 4xx carries the reason
 * of its error body ({@code {"reason","message"}}); a 4xx without one is read by its status; any 5xx means the
 * service cannot do its job right now ({@code service_unavailable}), whatever its body says.
 */
public final class ServiceErrors {
    private ServiceErrors() {
    }

    /**
     * @param service the service that answered, for the message
     * @param call    method and path, for the message (no query: it may hold file names)
     */
    public static WharfException of(String service, String call, int status, byte[] body) {
        ParsedBody parsed = parse(body);
        String detail = service + " answered " + status + " to " + call
                + (parsed.message() == null ? "" : ": " + parsed.message());
        if (status >= 500) {
            return new WharfException(Reason.SERVICE_UNAVAILABLE,
                    parsed.reason() == null ? detail : detail + " (" + parsed.reason() + ")");
        }
        if (parsed.reason() != null) {
            Reason r = Reason.fromCode(parsed.reason());
            // "ok" in an error body is a broken peer; never let it read as success
            return new WharfException(r == Reason.OK ? Reason.INTERNAL_ERROR : r, detail);
        }
        return new WharfException(byStatus(status), detail);
    }

    /** The reason of a 4xx that came without an error body (a proxy, or a framework's own answer). */
    public static Reason byStatus(int status) {
        return switch (status) {
            case 400 -> Reason.BAD_REQUEST;
            case 401, 403 -> Reason.PERMISSION_DENIED;
            case 404 -> Reason.NOT_FOUND;
            case 409 -> Reason.ALREADY_EXISTS;
            case 416 -> Reason.INVALID_OFFSET;
            case 408, 429 -> Reason.SERVICE_UNAVAILABLE;
            default -> Reason.INTERNAL_ERROR;
        };
    }

    private record ParsedBody(String reason, String message) {
    }

    private static ParsedBody parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ParsedBody(null, null);
        }
        try {
            JsonNode n = WireJson.mapper().readTree(body);
            if (n != null && n.isObject()) {
                JsonNode reason = n.get("reason");
                JsonNode message = n.get("message");
                return new ParsedBody(reason != null && reason.isTextual() ? reason.textValue() : null,
                        message != null && message.isTextual() ? message.textValue() : null);
            }
        } catch (IOException e) {
            // not JSON: a proxy's HTML page or a plain-text error; fall through to a shortened excerpt
        }
        String text = ServiceHttp.text(body).strip();
        return new ParsedBody(null, text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
