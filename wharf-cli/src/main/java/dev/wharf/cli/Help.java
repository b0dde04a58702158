package dev.wharf.cli;

import dev.wharf.cli.args.OptionSpec;
import dev.wharf.cli.verbs.Catalog;
import dev.wharf.cli.verbs.Verb;
import dev.wharf.cli.verbs.VerbGroup;

import java.util.List;

/** The help texts of every level: all groups, one group's verbs, one verb's arguments and options. */
final class Help {
    static final String EXIT_CODES = """
            Exit codes: 0 done, 1 refused by the service (reason code and message printed), 2 usage error,
            3 a service or Keycloak cannot be reached, or signing in failed.""";

    private Help() {
    }

    static String overview() {
        StringBuilder s = new StringBuilder("Usage: wharf <group> <verb> [arguments] [options]\n\n");
        for (VerbGroup g : Catalog.groups()) {
            String verbs = g.direct() ? g.verbs().getFirst().arguments()
                    : String.join("|", g.verbs().stream().map(Verb::name).toList());
            s.append(String.format("  %-8s %s%n", g.name(), verbs))
                    .append(String.format("           %s%n", g.summary()));
        }
        s.append("\nwharf <group> --help lists a group's verbs; wharf <group> <verb> --help shows a verb's options.\n\n");
        s.append(globalOptions()).append('\n').append(EXIT_CODES).append('\n');
        return s.toString();
    }

    static String group(VerbGroup g) {
        if (g.direct()) {
            return verb(g, g.verbs().getFirst());
        }
        StringBuilder s = new StringBuilder("Usage: wharf " + g.name() + " <verb> [arguments] [options]\n");
        s.append(g.summary()).append("\n\n");
        int width = g.verbs().stream().mapToInt(v -> (v.name() + " " + v.arguments()).length()).max().orElse(0);
        for (Verb v : g.verbs()) {
            s.append(String.format("  %-" + width + "s  %s%n", (v.name() + " " + v.arguments()).trim(), v.summary()));
        }
        s.append("\nwharf ").append(g.name()).append(" <verb> --help shows a verb's options.\n");
        return s.toString();
    }

    static String verb(VerbGroup g, Verb v) {
        String words = g.direct() ? g.name() : g.name() + " " + v.name();
        StringBuilder s = new StringBuilder("Usage: wharf " + words + (v.arguments().isBlank() ? "" : " "
                + v.arguments()) + " [options]\n");
        s.append(v.summary()).append("\n");
        if (!v.options().isEmpty() || v.tenantScoped()) {
            s.append("\nOptions:\n");
            if (v.tenantScoped()) {
                s.append(option(Wharf.TENANT));
            }
            v.options().forEach(o -> s.append(option(o)));
        }
        s.append('\n').append(globalOptions()).append('\n').append(EXIT_CODES).append('\n');
        return s.toString();
    }

    private static String globalOptions() {
        StringBuilder s = new StringBuilder("Global options (also from the environment):\n");
        for (OptionSpec o : Wharf.GLOBAL) {
            s.append(option(o));
        }
        s.append("""
                  Without them: the local platform of ./wharf up (ports from WHARF_PORT_IDENTITY, WHARF_PORT_POLICY,
                  WHARF_PORT_KEYCLOAK), signed in as its Keycloak admin. WHARF_TOKEN: a bearer token used as is.
                """);
        return s.toString();
    }

    private static String option(OptionSpec o) {
        return String.format("  %-36s %s%n", o.synopsis(), o.help());
    }

    static List<String> groupNames() {
        return Catalog.groups().stream().map(VerbGroup::name).toList();
    }
}
