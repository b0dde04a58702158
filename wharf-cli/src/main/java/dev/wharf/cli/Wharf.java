package dev.wharf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.cli.api.AdminApi;
import dev.wharf.cli.api.ApiException;
import dev.wharf.cli.api.Connection;
import dev.wharf.cli.args.ArgParser;
import dev.wharf.cli.args.OptionSpec;
import dev.wharf.cli.args.ParsedArgs;
import dev.wharf.cli.output.Printer;
import dev.wharf.cli.verbs.Catalog;
import dev.wharf.cli.verbs.Invocation;
import dev.wharf.cli.verbs.Verb;
import dev.wharf.cli.verbs.VerbGroup;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The admin verbs of {@code ./wharf}: parses the command line, runs the verb, maps failures to exit codes. */
public final class Wharf {
    /** Options every verb accepts. */
    static final List<OptionSpec> GLOBAL = List.of(
            OptionSpec.flag("json", "print the API's JSON instead of text (for scripts)"),
            OptionSpec.flag("help", "this help").withAlias("h"),
            OptionSpec.value("identity-url", "url", "identity-service (WHARF_IDENTITY_URL; default http://127.0.0.1:8081)"),
            OptionSpec.value("policy-url", "url", "policy-service (WHARF_POLICY_URL; default http://127.0.0.1:8082)"),
            OptionSpec.value("keycloak-url", "url", "Keycloak (WHARF_KEYCLOAK_URL; default http://127.0.0.1:8180)"),
            OptionSpec.value("realm", "realm", "sign-in realm: master for operators, the tenant id for its"
                    + " administrators (WHARF_REALM)"),
            OptionSpec.value("user", "name", "who signs in (WHARF_USER; default admin)"),
            OptionSpec.value("password", "password", "their password (WHARF_PASSWORD; prefer the variable)"));
    /** The tenant of tenant-scoped verbs. */
    static final OptionSpec TENANT = OptionSpec.value("tenant", "id",
            "the tenant (WHARF_TENANT; default: your own when signed in with --realm <tenant>)").withAlias("t");

    private static final List<String> CONNECTION_OPTIONS = List.of("identity-url", "policy-url", "keycloak-url",
            "realm", "user", "password");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path runDir;
    private final InputStream in;
    private final ObjectMapper json = new ObjectMapper();

    public Wharf(PrintStream out, PrintStream err, Map<String, String> env, Path runDir, InputStream in) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.runDir = runDir;
        this.in = in;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Path runDir = Optional.ofNullable(System.getProperty("wharf.run.dir")).filter(s -> !s.isBlank())
                .map(Path::of)
                .or(() -> Optional.ofNullable(System.getenv("WHARF_RUN_DIR")).filter(s -> !s.isBlank()).map(Path::of))
                .orElseGet(() -> Path.of(System.getProperty("wharf.project.root", "."), ".wharf"));
        int code = new Wharf(out, err, System.getenv(), runDir, System.in).run(args);
        out.flush();
        System.exit(code);
    }

    /** Runs one command line and answers its exit code. */
    public int run(String... args) {
        List<String> argv = Arrays.asList(args);
        try {
            return dispatch(argv);
        } catch (ApiException e) {
            err.println("wharf: " + e.reason() + ": " + e.getMessage());
            e.hints().forEach(h -> err.println("wharf: " + h));
            return e.exitCode();
        } catch (CliException e) {
            err.println("wharf: " + e.getMessage());
            e.hints().forEach(h -> err.println("wharf: " + h));
            return e.exitCode();
        }
    }

    private int dispatch(List<String> argv) {
        List<OptionSpec> globals = new ArrayList<>(GLOBAL);
        globals.add(TENANT);
        List<String> words = ArgParser.leadingWords(argv, globals, 2);
        boolean help = argv.contains("--help") || argv.contains("-h");
        if (words.isEmpty()) {
            if (help || argv.isEmpty()) {
                out.print(Help.overview());
                return ExitCode.OK;
            }
            ArgParser.parse(argv, globals); // names the unknown option, if any
            throw CliException.usage("which command? one of: " + String.join(", ", Help.groupNames()),
                    "see: wharf --help");
        }
        VerbGroup group = Catalog.group(words.getFirst()).orElseThrow(() -> CliException.usage(
                "unknown command \"" + words.getFirst() + "\": one of " + String.join(", ", Help.groupNames()),
                "see: wharf --help"));
        Verb verb;
        int consumed;
        if (group.direct()) {
            verb = group.verbs().getFirst();
            consumed = 1;
        } else if (words.size() < 2) {
            if (help) {
                out.print(Help.group(group));
                return ExitCode.OK;
            }
            err.print(Help.group(group));
            throw CliException.usage("wharf " + group.name() + " needs a verb: " + verbNames(group));
        } else {
            verb = group.verb(words.get(1)).orElseThrow(() -> CliException.usage("unknown verb \"" + words.get(1)
                    + "\" of wharf " + group.name() + ": one of " + verbNames(group),
                    "see: wharf " + group.name() + " --help"));
            consumed = 2;
        }
        if (help) {
            out.print(Help.verb(group, verb));
            return ExitCode.OK;
        }
        List<OptionSpec> specs = new ArrayList<>(globals);
        specs.addAll(verb.options());
        ParsedArgs parsed = ArgParser.parse(argv, specs);
        String command = "wharf " + (group.direct() ? group.name() : group.name() + " " + verb.name());
        if (parsed.has("tenant") && !verb.tenantScoped()) {
            throw CliException.usage(command + " takes no --tenant", "see: " + command + " --help");
        }
        List<String> arguments = parsed.positionals().subList(consumed, parsed.positionals().size());
        if (arguments.size() < verb.requiredArguments() || arguments.size() > verb.maxArguments()) {
            throw CliException.usage(command + " takes " + (verb.arguments().isBlank() ? "no arguments"
                    : "the arguments " + verb.arguments()) + ", not " + (arguments.isEmpty() ? "none"
                    : String.join(" ", arguments)), "see: " + command + " --help");
        }
        Map<String, String> connectionOptions = new HashMap<>();
        CONNECTION_OPTIONS.forEach(o -> parsed.value(o).ifPresent(v -> connectionOptions.put(o, v)));
        Connection connection = Connection.resolve(connectionOptions, env, runDir);
        Printer printer = new Printer(out, parsed.has("json"), json);
        verb.action().run(new Invocation(command, arguments, parsed, printer, connection,
                () -> new AdminApi(connection, json), env, in, json));
        return ExitCode.OK;
    }

    private static String verbNames(VerbGroup g) {
        return String.join(", ", g.verbs().stream().map(Verb::name).toList());
    }
}
