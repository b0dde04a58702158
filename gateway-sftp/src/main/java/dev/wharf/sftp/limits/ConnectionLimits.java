package dev.wharf.sftp.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In the spirit of OpenSSH's MaxStartups and PerSourcePenalties: caps connections still logging in (in total and
 * per client address) and connections per client address. The total counts from the TCP connection on, so
 * clients that connect and send nothing count too; the per-address counts start when the real client address is
 * known (after the PROXY header, at the identification line). A refused connection is counted until it closes.
 */
public final class ConnectionLimits {
    private final int maxStartups;
    private final int maxStartupsPerAddress;
    private final int maxSessionsPerAddress;
    private final AtomicInteger startups = new AtomicInteger();
    private final ConcurrentMap<String, Integer> startupsByAddress = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> sessionsByAddress = new ConcurrentHashMap<>();

    /** Each limit 0 = unlimited. */
    public ConnectionLimits(int maxStartups, int maxStartupsPerAddress, int maxSessionsPerAddress) {
        this.maxStartups = maxStartups;
        this.maxStartupsPerAddress = maxStartupsPerAddress;
        this.maxSessionsPerAddress = maxSessionsPerAddress;
    }

    /** One connection; {@link #loggedIn} and {@link #closed} must be told about it. */
    public final class Ticket {
        private String address;
        private String refusal;
        private String cause;
        private boolean startup = true;
        private boolean closed;

        private Ticket() {
        }

        /** Null while within the limits, else the message the client is disconnected with. */
        public synchronized String refusal() {
            return refusal;
        }

        /** Which limit refused it ({@code startups}, {@code sessions_per_address}, {@code startups_per_address}). */
        public synchronized String cause() {
            return cause;
        }

        /** The client's address is known: counts it per address; returns the refusal, or null. */
        public synchronized String identified(String clientAddress) {
            if (closed || address != null || refusal != null) {
                return refusal;
            }
            address = clientAddress;
            int mineStarting = startupsByAddress.merge(address, 1, Integer::sum);
            int mine = sessionsByAddress.merge(address, 1, Integer::sum);
            if (maxSessionsPerAddress > 0 && mine > maxSessionsPerAddress) {
                refuse("sessions_per_address", "Too many sessions from your address (at most " + maxSessionsPerAddress
                        + "): close some and try again.");
            } else if (maxStartupsPerAddress > 0 && mineStarting > maxStartupsPerAddress) {
                refuse("startups_per_address", "Too many connections from your address are logging in at once (at most "
                        + maxStartupsPerAddress + "): try again in a moment.");
            }
            return refusal;
        }

        private void refuse(String why, String message) {
            cause = why;
            refusal = message;
        }

        /** The connection authenticated: it no longer counts as a startup. */
        public synchronized void loggedIn() {
            if (startup && !closed) {
                startup = false;
                releaseStartup();
            }
        }

        public synchronized void closed() {
            if (closed) {
                return;
            }
            closed = true;
            if (startup) {
                releaseStartup();
            }
            if (address != null) {
                sessionsByAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }

        private void releaseStartup() {
            startups.decrementAndGet();
            if (address != null) {
                startupsByAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /** Counts a new TCP connection; its {@link Ticket#refusal()} says whether the total allows it. */
    public Ticket connected() {
        Ticket t = new Ticket();
        int all = startups.incrementAndGet();
        if (maxStartups > 0 && all > maxStartups) {
            t.refuse("startups", "Too many connections are logging in to this server at once: try again in a moment.");
        }
        return t;
    }

    /** Connections not yet authenticated (tests, metrics). */
    public int startups() {
        return startups.get();
    }
}
