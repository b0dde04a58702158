package dev.wharf.edge.limits;

import dev.wharf.core.Reason;
import dev.wharf.edge.Refusal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Caps connections per replica, in the spirit of OpenSSH's MaxStartups and PerSourcePenalties: connections in
 * total and per client address (logged in or not), and connections still logging in, in total with random early
 * drop ({@link StartupDrop}) and per client address (a hard cap, so that a few addresses cannot take every slot).
 *
 * <p>A transport takes a {@link Ticket} when the connection arrives ({@link #connected()}: the total caps), tells
 * it the real client address once known ({@link Ticket#identified}: after the PROXY header; the per-address caps),
 * that it logged in and that it closed. A refused ticket still counts until it is closed.
 */
public final class ConnectionLimits {
    /**
     * @param maxConnections           connections per replica, logged in or not; 0 = unlimited
     * @param maxConnectionsPerAddress connections from one client address, logged in or not; 0 = unlimited
     * @param startups                 connections still logging in, with early drop
     * @param maxStartupsPerAddress    of those, from one client address; 0 = unlimited
     */
    public record Settings(int maxConnections, int maxConnectionsPerAddress, StartupDrop startups,
                           int maxStartupsPerAddress) {
    }

    /** What refused a connection, with its metric tag and stage. */
    public enum Limit {
        CONNECTIONS("connections", Refusal.Stage.CONNECTION_LIMIT),
        CONNECTIONS_PER_ADDRESS("connections_per_address", Refusal.Stage.CONNECTION_LIMIT),
        STARTUPS("startups", Refusal.Stage.UNAUTHENTICATED_LIMIT),
        STARTUPS_PER_ADDRESS("startups_per_address", Refusal.Stage.UNAUTHENTICATED_LIMIT);

        private final String tag;
        private final Refusal.Stage stage;

        Limit(String tag, Refusal.Stage stage) {
            this.tag = tag;
            this.stage = stage;
        }

        public String tag() {
            return tag;
        }

        public Refusal.Stage stage() {
            return stage;
        }
    }

    private final Settings settings;
    private final RandomGenerator random;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger startups = new AtomicInteger();
    private final ConcurrentMap<String, Integer> connectionsByAddress = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> startupsByAddress = new ConcurrentHashMap<>();

    /** @param random the early drop's dice (a seeded one in tests) */
    public ConnectionLimits(Settings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    public ConnectionLimits(Settings settings) {
        this(settings, RandomGenerator.getDefault());
    }

    /** Counts a new connection; its {@link Ticket#refusal()} says whether the totals allow it. */
    public Ticket connected() {
        Ticket t = new Ticket();
        int all = connections.incrementAndGet();
        int before = startups.getAndIncrement();
        if (settings.maxConnections() > 0 && all > settings.maxConnections()) {
            t.refuse(Limit.CONNECTIONS, "Too many connections to this server: try again later.");
        } else if (settings.startups().drops(before, random)) {
            t.refuse(Limit.STARTUPS, "Too many connections are logging in to this server at once: try again in a"
                    + " moment.");
        }
        return t;
    }

    /** Connections open now, logged in or not (tests, metrics). */
    public int connections() {
        return connections.get();
    }

    /** Connections not yet logged in (tests, metrics). */
    public int startups() {
        return startups.get();
    }

    /** One connection; {@link #loggedIn} and {@link #closed} must be told about it. */
    public final class Ticket {
        private String address;
        private Refusal refusal;
        private boolean startup = true;
        private boolean closed;

        private Ticket() {
        }

        /** Null while within the limits, else why the connection is turned away. */
        public synchronized Refusal refusal() {
            return refusal;
        }

        /** The client's real address is known: counts it per address; returns the refusal, or null. */
        public synchronized Refusal identified(String clientAddress) {
            if (closed || address != null || refusal != null) {
                return refusal;
            }
            address = clientAddress;
            int mine = connectionsByAddress.merge(address, 1, Integer::sum);
            int mineStarting = startup ? startupsByAddress.merge(address, 1, Integer::sum) : 0;
            int maxMine = settings.maxConnectionsPerAddress();
            int maxMineStarting = settings.maxStartupsPerAddress();
            if (maxMine > 0 && mine > maxMine) {
                refuse(Limit.CONNECTIONS_PER_ADDRESS, "Too many connections from your address (at most " + maxMine
                        + "): close some and try again.");
            } else if (maxMineStarting > 0 && mineStarting > maxMineStarting) {
                refuse(Limit.STARTUPS_PER_ADDRESS, "Too many connections from your address are logging in at once"
                        + " (at most " + maxMineStarting + "): try again in a moment.");
            }
            return refusal;
        }

        private void refuse(Limit limit, String message) {
            refusal = new Refusal(limit.stage(), Reason.SERVICE_UNAVAILABLE, limit.tag(), message);
        }

        /** The connection logged in: it no longer counts as one logging in. Repeated calls count once. */
        public synchronized void loggedIn() {
            if (startup && !closed) {
                startup = false;
                releaseStartup();
            }
        }

        /** The connection closed: frees its slots. Repeated calls count once. */
        public synchronized void closed() {
            if (closed) {
                return;
            }
            closed = true;
            if (startup) {
                releaseStartup();
            }
            connections.decrementAndGet();
            if (address != null) {
                connectionsByAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }

        private void releaseStartup() {
            startups.decrementAndGet();
            if (address != null) {
                startupsByAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
