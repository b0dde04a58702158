package dev.wharf.core.session;

import org.jboss.logging.MDC;

/**
 * The logging context (MDC) of one gateway session: while entered, every log line of the thread carries the session
 * id, protocol, tenant and user, and every service call made from it names the session (ServiceHttp reads
 * {@link #SESSION_ID}). The libraries run a session's work on changing threads, so each event enters and leaves.
 */
public final class SessionLog {
    /** MDC key of the session id: the text log format prints it, JSON logs carry every MDC key. */
    public static final String SESSION_ID = "sessionId";
    /** MDC key of the session's tenant, once known. */
    public static final String TENANT = "tenant";
    /** MDC key of the session's user name, once logged in. */
    public static final String USER = "user";
    /** MDC key of the session's protocol. */
    public static final String PROTOCOL = "protocol";
    /** HTTP request header naming the session on gateway-to-service calls; services put it into their MDC. */
    public static final String HEADER = "Wharf-Session";
    private static final String[] KEYS = {SESSION_ID, TENANT, USER, PROTOCOL};

    private SessionLog() {
    }

    /** What the MDC held before an {@link #enter}; closing puts it back (a nested enter leaves the outer intact). */
    public static final class Entered implements AutoCloseable {
        private final Object[] previous = new Object[KEYS.length];

        private Entered() {
            for (int i = 0; i < KEYS.length; i++) {
                previous[i] = MDC.get(KEYS[i]);
            }
        }

        @Override
        public void close() {
            for (int i = 0; i < KEYS.length; i++) {
                if (previous[i] == null) {
                    MDC.remove(KEYS[i]);
                } else {
                    MDC.put(KEYS[i], previous[i]);
                }
            }
        }
    }

    /** Puts {@code session} into this thread's MDC until the result is closed. */
    public static Entered enter(GatewaySession session) {
        Entered entered = new Entered();
        MDC.put(SESSION_ID, session.id());
        put(PROTOCOL, session.protocol() == null ? null : session.protocol().wire());
        put(TENANT, session.tenant());
        put(USER, session.loggedIn() ? session.username() : null);
        return entered;
    }

    /** Puts a session id received from a gateway (the {@link #HEADER}) into this thread's MDC until closed. */
    public static Entered enter(String sessionId) {
        Entered entered = new Entered();
        put(SESSION_ID, sessionId);
        return entered;
    }

    /** The session id of the thread's MDC, or null outside a session. */
    public static String current() {
        Object id = MDC.get(SESSION_ID);
        return id == null ? null : id.toString();
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
