package dev.wharf.web.admin;

import dev.wharf.core.session.Protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the administrators' forms send, as the admin API takes it. */
final class FormValues {
    /** The protocols a user, group or site may be allowed or denied, in the order the forms show them. */
    static final List<String> PROTOCOLS = Arrays.stream(Protocol.values()).map(Protocol::wire).toList();

    /**
     * The login methods a user without 2FA may still use when the site requires it (identity-service's
     * {@code LoginRequirements} names), in the order the Settings page shows them.
     */
    static final List<String> SECOND_FACTOR_EXEMPTIONS = List.of("api-keys", "ssh-keys");

    private FormValues() {
    }

    /** A list typed one a line or separated by commas or spaces ("10.0.0.0/8, 192.0.2.0/24"); blank: empty. */
    static List<String> list(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(typed.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .toList();
    }

    /**
     * Entries typed one a line, each kept whole with its spaces ({@code upload-only /inbox}); blank lines are
     * dropped, a blank field is an empty list.
     */
    static List<String> lineList(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(typed.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Country codes as the admin API wants them (upper case). */
    static List<String> countries(String typed) {
        return list(typed).stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
    }

    /** The checked protocol boxes; anything not a protocol is dropped (the admin API would refuse it anyway). */
    static List<String> protocols(List<String> checked) {
        return chosen(PROTOCOLS, checked);
    }

    /** The checked 2FA exemption boxes, as {@link #protocols}. */
    static List<String> exemptions(List<String> checked) {
        return chosen(SECOND_FACTOR_EXEMPTIONS, checked);
    }

    private static List<String> chosen(List<String> offered, List<String> checked) {
        return checked == null ? List.of() : offered.stream().filter(checked::contains).toList();
    }

    /** A checkbox: sent ("on") when checked, absent when not. */
    static boolean checked(String box) {
        return box != null && !box.isBlank();
    }

    /** A short list on one line. */
    static String words(List<String> values) {
        return values == null ? "" : String.join(" ", values);
    }

    /** Lines of a list for a textarea. */
    static String lines(List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }
}
