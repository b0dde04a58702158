package dev.wharf.policy.ban;

import dev.wharf.core.Reason;
import dev.wharf.policy.address.IpAddresses;
import dev.wharf.state.LocalSharedLog;
import dev.wharf.state.SharedLog;
import inet.ipaddr.IPAddress;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The brute-force defender shared by every policy-service replica: failed logins go to a {@link SharedLog}, and
 * each replica's {@link BanLedger} applies what the log delivers, its own reports included. A failure therefore
 * counts a moment after it is reported (a Kafka round trip), and a ban holds on every replica.
 */
public final class Defender implements BanStore, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Defender.class);
    private static final int MAX_NAME = 128;

    private final DefenderSettings settings;
    private final BanLedger ledger;
    private final Clock clock;
    private final String origin = UUID.randomUUID().toString();
    private final SharedLog<DefenderEvent> log;

    /**
     * @param logFactory opens the shared log with the handler it must call for each event (a Kafka log, or a local
     *                   one for a single replica)
     */
    public Defender(DefenderSettings settings, Clock clock,
                    Function<java.util.function.Consumer<DefenderEvent>, SharedLog<DefenderEvent>> logFactory) {
        this.settings = settings;
        this.ledger = new BanLedger(settings);
        this.clock = clock;
        this.log = logFactory.apply(this::apply);
    }

    /** A defender of one replica, in this process (events are applied at once). */
    public static Defender local(DefenderSettings settings, Clock clock) {
        return new Defender(settings, clock, LocalSharedLog::new);
    }

    private void apply(DefenderEvent e) {
        ledger.apply(e).ifPresent(ban -> {
            if (origin.equals(e.origin())) {
                LOG.warnf("address %s banned until %s (offence %d, %s; last: tenant %s, user %s), reason=%s",
                        ban.clientIp(), ban.until(), ban.offences(), ban.reason(), printable(ban.tenant()),
                        printable(ban.username()), Reason.ADDRESS_BANNED.code());
            }
        });
    }

    /** Reports a failed login to every replica; exempt addresses are not counted. */
    public void recordFailure(String clientIp, String tenant, String username, String protocol) {
        IPAddress ip = IpAddresses.parseAddress(clientIp);
        if (settings.exempt().contains(ip)) {
            return;
        }
        String address = ip.toCanonicalString();
        log.publish(address, DefenderEvent.failure(address, bounded(tenant), bounded(username), protocol,
                clock.instant(), origin));
    }

    /**
     * Lifts every ban on the address, on every replica (at once on this one); false when none is in force here.
     *
     * @param actor the operator, for the log
     */
    public boolean lift(String clientIp, String actor) {
        String address = IpAddresses.parseAddress(clientIp).toCanonicalString();
        Instant now = clock.instant();
        if (ledger.bannedUntil(address, now).isEmpty()) {
            return false;
        }
        ledger.lift(address, now);
        log.publish(address, DefenderEvent.lift(address, actor, now, origin));
        LOG.infof("bans on address %s lifted by %s", address, printable(actor));
        return true;
    }

    @Override
    public Optional<Instant> bannedUntil(String address, Instant now) {
        return ledger.bannedUntil(address, now);
    }

    @Override
    public int bannedCount(Instant now) {
        return ledger.bannedCount(now);
    }

    /** The bans in force now. */
    public List<Ban> bans() {
        return ledger.bans(clock.instant());
    }

    /** Whether the shared log's history has been applied (readiness). */
    public boolean caughtUp() {
        return log.caughtUp();
    }

    /** The shared log's implementation, for readiness. */
    public String logKind() {
        return log.getClass().getSimpleName();
    }

    public DefenderSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        log.close();
    }

    /** Names as the client typed them: bounded, so that no client can put megabytes into every replica's memory. */
    private static String bounded(String s) {
        return s == null || s.length() <= MAX_NAME ? s : s.substring(0, MAX_NAME);
    }

    private static String printable(String s) {
        return s == null ? null : dev.wharf.core.files.VirtualPaths.printable(s);
    }
}
