package dev.wharf.edge.address;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A list of {@link AddressRange}s: trusted balancers, an administrator's allowed ranges, ban exemptions. Built
 * either {@link #parse strictly} (configuration: a bad entry stops the start) or {@link #lenient leniently}
 * (stored settings: a bad entry matches nothing and is reported, so the list fails closed).
 */
public final class AddressRanges {
    private static final AddressRanges NONE = new AddressRanges(List.of(), List.of());

    private final List<AddressRange> ranges;
    private final List<String> invalid;

    private AddressRanges(List<AddressRange> ranges, List<String> invalid) {
        this.ranges = List.copyOf(ranges);
        this.invalid = List.copyOf(invalid);
    }

    /** The empty list. */
    public static AddressRanges none() {
        return NONE;
    }

    /**
     * Parses every entry; blank ones are skipped. A bad entry throws, named with {@code key} (the configuration
     * key it came from) so that the start-up error says what to fix.
     */
    public static AddressRanges parse(Collection<String> entries, String key) {
        return read(entries, (entry, e) -> {
            throw new IllegalArgumentException(key + ": " + e.getMessage()
                    + " (a CIDR range or address literal; names are not resolved)", e);
        });
    }

    /** Parses every entry; blank ones are skipped, bad ones match nothing and are listed by {@link #invalid()}. */
    public static AddressRanges lenient(Collection<String> entries) {
        return read(entries, (entry, e) -> { });
    }

    /** Parses the non-blank entries; a bad one goes to {@code onInvalid} (which may throw) and to the invalid list. */
    private static AddressRanges read(Collection<String> entries,
                                      BiConsumer<String, IllegalArgumentException> onInvalid) {
        List<AddressRange> ranges = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        if (entries != null) {
            for (String e : entries) {
                if (e == null || e.isBlank()) {
                    continue;
                }
                try {
                    ranges.add(AddressRange.parse(e));
                } catch (IllegalArgumentException ex) {
                    onInvalid.accept(e, ex);
                    invalid.add(Addresses.printable(e));
                }
            }
        }
        return new AddressRanges(ranges, invalid);
    }

    /** Whether {@code text} is one entry {@link #parse} accepts (for validating an administrator's input). */
    public static boolean isRange(String text) {
        try {
            AddressRange.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether no entry was written at all, not even an invalid one. */
    public boolean isEmpty() {
        return ranges.isEmpty() && invalid.isEmpty();
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        for (AddressRange r : ranges) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public List<AddressRange> ranges() {
        return ranges;
    }

    /** Entries that did not parse (printable), for a log line; always empty for a strict list. */
    public List<String> invalid() {
        return invalid;
    }

    @Override
    public String toString() {
        return String.join(",", ranges.stream().map(AddressRange::toString).toList());
    }
}
