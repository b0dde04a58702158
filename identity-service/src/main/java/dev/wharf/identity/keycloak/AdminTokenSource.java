package dev.wharf.identity.keycloak;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Caches identity-service's admin access token until shortly before it expires, so that admin calls do not each
 * cost a sign-in. One fetch at a time: concurrent callers wait for it instead of signing in in parallel.
 */
final class AdminTokenSource {
    /** Never refresh later than this before expiry, nor earlier than a quarter of the lifetime. */
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    /** A token and how long Keycloak said it lives. */
    record Token(String value, Duration lifetime) {
        @Override
        public String toString() {
            return "Token[lifetime=" + lifetime + "]";
        }
    }

    private final Supplier<Token> fetch;
    private final ReentrantLock lock = new ReentrantLock();
    private String value;
    private Instant refreshAt = Instant.MIN;

    AdminTokenSource(Supplier<Token> fetch) {
        this.fetch = fetch;
    }

    String token() {
        lock.lock();
        try {
            Instant now = Instant.now();
            if (value == null || !now.isBefore(refreshAt)) {
                Token t = fetch.get();
                Duration quarter = t.lifetime().dividedBy(4);
                Duration margin = quarter.compareTo(MAX_MARGIN) < 0 ? quarter : MAX_MARGIN;
                value = t.value();
                refreshAt = now.plus(t.lifetime()).minus(margin);
            }
            return value;
        } finally {
            lock.unlock();
        }
    }

    /** Drops {@code rejected} if it is still the cached token (another caller may have refreshed it already). */
    void invalidate(String rejected) {
        lock.lock();
        try {
            if (rejected != null && rejected.equals(value)) {
                value = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
