package dev.wharf.identity.audit;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The position in the audit topic a page ends at, as the text {@code <partition>:<offset>,...}. */
final class AuditCursor {
    private AuditCursor() {
    }

    static String format(Map<Integer, Long> next) {
        return new TreeMap<>(next).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Parses {@link #format}; 400 {@code bad_request} for anything else. */
    static Map<Integer, Long> parse(String text) {
        Map<Integer, Long> next = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return next;
        }
        for (String part : text.split(",", 10_000)) {
            String[] pair = part.split(":");
            try {
                if (pair.length != 2) {
                    throw new NumberFormatException(part);
                }
                int partition = Integer.parseInt(pair[0].trim());
                long offset = Long.parseLong(pair[1].trim());
                if (partition < 0 || offset < 0) {
                    throw new NumberFormatException(part);
                }
                next.put(partition, offset);
            } catch (NumberFormatException e) {
                throw new WharfException(Reason.BAD_REQUEST, "after must be the next of a previous answer "
                        + "(<partition>:<offset>,...)");
            }
        }
        return next;
    }
}
