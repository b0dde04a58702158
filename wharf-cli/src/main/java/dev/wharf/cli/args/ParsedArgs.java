package dev.wharf.cli.args;

import dev.wharf.cli.CliException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A parsed command line: positional words in order, and the options given (last one wins). */
public final class ParsedArgs {
    private final List<String> positionals;
    private final Map<String, String> options;

    ParsedArgs(List<String> positionals, Map<String, String> options) {
        this.positionals = List.copyOf(positionals);
        this.options = Map.copyOf(options);
    }

    public List<String> positionals() {
        return positionals;
    }

    public boolean has(String option) {
        return options.containsKey(option);
    }

    public Optional<String> value(String option) {
        return Optional.ofNullable(options.get(option));
    }

    /** A boolean option's value: true/false (also yes/no, on/off). */
    public Optional<Boolean> bool(String option) {
        return value(option).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw CliException.usage("--" + option + " takes true or false, not \"" + v + "\"");
        });
    }

    /** A comma-separated list option; an empty value is the empty list (it clears a setting). */
    public Optional<List<String>> list(String option) {
        return value(option).map(ParsedArgs::splitList);
    }

    /** A list option whose entries are separated by {@code ;} (entries that contain commas); empty clears. */
    public Optional<List<String>> semicolonList(String option) {
        return value(option).map(v -> java.util.Arrays.stream(v.split(";")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList());
    }

    /** A duration in seconds: a number of seconds, or a number with s, m, h or d ({@code 90s}, {@code 5m}, {@code 1h}). */
    public Optional<Long> seconds(String option) {
        return value(option).map(v -> parseDuration(option, v).toSeconds());
    }

    /** A whole number of things (sessions, days); {@code none} is -1 (no limit); anything else is a usage error. */
    public Optional<Long> count(String option) {
        return value(option).map(v -> {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (s.equals("none")) {
                return -1L;
            }
            if (!s.matches("\\d{1,9}")) {
                throw CliException.usage("--" + option + " takes a whole number or none, not \"" + v + "\"");
            }
            return Long.parseLong(s);
        });
    }

    /**
     * A size in bytes: a whole number with an optional unit k, m, g, t (powers of 1024: {@code 50g}); {@code none}
     * is -1 (no limit); anything else is a usage error.
     */
    public Optional<Long> size(String option) {
        return value(option).map(v -> {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (s.equals("none")) {
                return -1L;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,15})([kmgt]?)b?").matcher(s);
            if (!m.matches()) {
                throw CliException.usage("--" + option + " takes a number with an optional k, m, g or t (e.g. 50g),"
                        + " or none, not \"" + v + "\"");
            }
            int shift = switch (m.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                case "t" -> 40;
                default -> 0;
            };
            return Long.parseLong(m.group(1)) << shift;
        });
    }

    static List<String> splitList(String v) {
        if (v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /** Parses {@code 30}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 90d}; anything else is a usage error. */
    public static Duration parseDuration(String option, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        if (s.matches("\\d{1,9}[smhd]")) {
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        throw CliException.usage("--" + option + " takes a duration such as 90 (seconds), 90s, 5m, 12h or 30d, not \""
                + v + "\"");
    }
}
