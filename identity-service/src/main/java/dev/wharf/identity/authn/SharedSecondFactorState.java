package dev.wharf.identity.authn;

import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.identity.tenant.TenantDefaults;
import dev.wharf.state.SharedLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link SecondFactorState} shared by every replica through a wharf-state {@link SharedLog}: each change is applied
 * here at once and published; every replica (this one too) applies what it reads. Codes are kept as digests under
 * {@link CredentialDigest}'s key, so replicas recognise each other's entries only when they share
 * {@code wharf.identity.shared-state.key}.
 *
 * <p>A {@code forget} voids every earlier entry of the user: an entry read later (this replica's own echo, or
 * another's published just before) whose {@code at} is not after the forget is ignored, so a disabled user's
 * grace window cannot come back.
 */
public final class SharedSecondFactorState implements SecondFactorState, AutoCloseable {
    /** How far back a starting replica reads: the longest grace window and a margin. */
    public static final Duration REPLAY_WINDOW = Duration.ofSeconds(RealmAttributes.MAX_OTP_GRACE_SECONDS)
            .plusMinutes(5);
    private static final int MAX_FORGOTTEN = 100_000;

    private final InMemorySecondFactorState local = new InMemorySecondFactorState();
    private final Map<String, Instant> forgotten = new ConcurrentHashMap<>();
    private final CredentialDigest digests;
    private final Clock clock;
    private final SharedLog<SecondFactorEvent> log;

    /** {@code logs} starts the shared log with the handler it is given (Kafka, or a local log). */
    public SharedSecondFactorState(CredentialDigest digests, Clock clock,
                                   Function<Consumer<SecondFactorEvent>, SharedLog<SecondFactorEvent>> logs) {
        this.digests = digests;
        this.clock = clock;
        // last: the log's thread may call apply at once
        this.log = logs.apply(this::apply);
    }

    @Override
    public void codeAccepted(String tenant, String username, String code, Instant until) {
        share(new SecondFactorEvent(SecondFactorEvent.CODE, tenant, username, codeDigest(tenant, username, code),
                null, clock.instant(), until, null));
    }

    @Override
    public boolean wasAccepted(String tenant, String username, String code, Instant now) {
        return local.wasAccepted(tenant, username, codeDigest(tenant, username, code), now);
    }

    @Override
    public void openGrace(String tenant, String username, String clientIp, Grace grace) {
        share(new SecondFactorEvent(SecondFactorEvent.GRACE, tenant, username, clientIp,
                Base64.getEncoder().encodeToString(grace.passwordDigest()), clock.instant(), grace.until(),
                grace.principal()));
    }

    @Override
    public Optional<Grace> grace(String tenant, String username, String clientIp, Instant now) {
        return local.grace(tenant, username, clientIp, now);
    }

    @Override
    public void forget(String tenant, String username) {
        share(new SecondFactorEvent(SecondFactorEvent.FORGET, tenant, username, null, null, clock.instant(), null,
                null));
    }

    @Override
    public boolean caughtUp() {
        return log.caughtUp();
    }

    @Override
    public void close() {
        log.close();
    }

    private void share(SecondFactorEvent e) {
        apply(e);
        log.publish(e.tenant() + '/' + e.username(), e);
    }

    /** Applies an event, this replica's or another's; expired and voided ones are ignored. */
    void apply(SecondFactorEvent e) {
        if (e == null || e.kind() == null || e.tenant() == null || e.username() == null || e.at() == null) {
            return;
        }
        Instant now = clock.instant();
        String user = e.tenant() + '\0' + e.username();
        if (SecondFactorEvent.FORGET.equals(e.kind())) {
            if (forgotten.size() >= MAX_FORGOTTEN) {
                Instant horizon = now.minus(REPLAY_WINDOW);
                forgotten.values().removeIf(at -> at.isBefore(horizon));
            }
            forgotten.merge(user, e.at(), (a, b) -> a.isAfter(b) ? a : b);
            local.forget(e.tenant(), e.username());
            return;
        }
        if (e.until() == null || !now.isBefore(e.until()) || e.key() == null) {
            return;
        }
        Instant voidBefore = forgotten.get(user);
        if (voidBefore != null && !e.at().isAfter(voidBefore)) {
            return;
        }
        switch (e.kind()) {
            case SecondFactorEvent.CODE -> local.codeAccepted(e.tenant(), e.username(), e.key(), e.until());
            case SecondFactorEvent.GRACE -> {
                if (e.digest() != null && e.principal() != null) {
                    local.openGrace(e.tenant(), e.username(), e.key(), new Grace(e.until(),
                            Base64.getDecoder().decode(e.digest()), e.principal()));
                }
            }
            default -> {
                // a kind a newer replica added: not ours to apply
            }
        }
    }

    private String codeDigest(String tenant, String username, String code) {
        // "\0code\0" keeps a code's digest apart from a password that happens to be the same digits
        return HexFormat.of().formatHex(digests.digest(tenant, username, "\0code\0" + code));
    }
}
