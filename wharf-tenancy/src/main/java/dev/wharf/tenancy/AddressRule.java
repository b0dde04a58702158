package dev.wharf.tenancy;

import java.util.Locale;
import java.util.Optional;

/** How a site's address ranges and a user's (or the user's groups') ranges combine at login. */
public enum AddressRule {
    /** Each list that is set must admit the address: the stricter rule, and what a site without the setting has. */
    BOTH,
    /**
     * An address in the site's list or in the user's is admitted (Files.com's rule): a user's own list widens the
     * site's for that user. The site's list then cannot refuse at connect, before the user is known.
     */
    EITHER;

    /** The wire and attribute spelling: {@code both}, {@code either}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule a value spells; empty when it spells none. */
    public static Optional<AddressRule> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "both" -> Optional.of(BOTH);
            case "either" -> Optional.of(EITHER);
            default -> Optional.empty();
        };
    }
}
