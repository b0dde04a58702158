package dev.wharf.cli.args;

import dev.wharf.cli.CliException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Splits a command line into positional words and options, GNU style: options anywhere, {@code --name value} or
 * {@code --name=value}, {@code -x value} for one-letter aliases, {@code --} ends the options. Unknown options are
 * usage errors that list the ones known.
 */
public final class ArgParser {
    private ArgParser() {
    }

    /** Parses {@code args} against {@code specs}. */
    public static ParsedArgs parse(List<String> args, List<OptionSpec> specs) {
        List<String> positionals = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            // short options are one letter ("-t"): a longer single-dash word is a value, such as an SSH key id
            // (base64url, so one in 64 starts with '-')
            if (optionsEnded || a.equals("-") || !a.startsWith("-") || !a.startsWith("--") && a.length() > 2) {
                positionals.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name;
            String inline = null;
            OptionSpec spec;
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                inline = eq < 0 ? null : a.substring(eq + 1);
                spec = OptionSpec.find(specs, name, false);
            } else {
                name = a.substring(1);
                spec = a.length() == 2 ? OptionSpec.find(specs, name, true) : null;
            }
            if (spec == null) {
                throw CliException.usage("unknown option " + (a.contains("=") ? a.substring(0, a.indexOf('=')) : a),
                        "options here: " + specs.stream().map(s -> "--" + s.name()).collect(Collectors.joining(" ")));
            }
            if (!spec.takesValue()) {
                if (inline != null) {
                    throw CliException.usage("--" + spec.name() + " takes no value");
                }
                options.put(spec.name(), "true");
            } else if (inline != null) {
                options.put(spec.name(), inline);
            } else if (i + 1 < args.size()) {
                options.put(spec.name(), args.get(++i));
            } else {
                throw CliException.usage("--" + spec.name() + " needs a value: --" + spec.name() + " <"
                        + spec.valueName() + ">");
            }
        }
        return new ParsedArgs(positionals, options);
    }

    /**
     * The first {@code n} positional words of {@code args} without knowing the verb's options yet: only the
     * values of {@code globalSpecs} are skipped. Used to find the verb group and verb before the full parse.
     */
    public static List<String> leadingWords(List<String> args, List<OptionSpec> globalSpecs, int n) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size() && words.size() < n; i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("-") && !a.equals("-")) {
                OptionSpec spec = a.startsWith("--") && !a.contains("=")
                        ? OptionSpec.find(globalSpecs, a.substring(2), false)
                        : a.length() == 2 ? OptionSpec.find(globalSpecs, a.substring(1), true) : null;
                if (spec != null && spec.takesValue()) {
                    i++;
                }
                continue;
            }
            words.add(a);
        }
        return words;
    }
}
