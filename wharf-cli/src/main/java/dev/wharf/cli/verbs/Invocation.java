package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.api.AdminApi;
import dev.wharf.cli.api.Connection;
import dev.wharf.cli.api.UrlPaths;
import dev.wharf.cli.args.ParsedArgs;
import dev.wharf.cli.output.Printer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** What a verb runs with: its arguments and options, the output, the API (signed in on first use), stdin. */
public final class Invocation {
    private final String command;
    private final List<String> arguments;
    private final ParsedArgs options;
    private final Printer out;
    private final Supplier<AdminApi> apiFactory;
    private final Connection connection;
    private final Map<String, String> env;
    private final InputStream stdin;
    private final ObjectMapper json;
    private AdminApi api;

    public Invocation(String command, List<String> arguments, ParsedArgs options, Printer out, Connection connection,
                      Supplier<AdminApi> apiFactory, Map<String, String> env, InputStream stdin, ObjectMapper json) {
        this.command = command;
        this.arguments = List.copyOf(arguments);
        this.options = options;
        this.out = out;
        this.connection = connection;
        this.apiFactory = apiFactory;
        this.env = env;
        this.stdin = stdin;
        this.json = json;
    }

    /** The positional argument {@code i} (after the group and verb words); present by the verb's arity check. */
    public String arg(int i) {
        return arguments.get(i);
    }

    public Optional<String> optionalArg(int i) {
        return i < arguments.size() ? Optional.of(arguments.get(i)) : Optional.empty();
    }

    public ParsedArgs options() {
        return options;
    }

    public Printer out() {
        return out;
    }

    public AdminApi api() {
        if (api == null) {
            api = apiFactory.get();
        }
        return api;
    }

    public Connection connection() {
        return connection;
    }

    /**
     * The tenant the verb works in: {@code --tenant}, else WHARF_TENANT, else the realm of a tenant
     * administrator's session. An operator without either gets a usage error.
     */
    public String tenant() {
        return optionalTenant().orElseThrow(() -> CliException.usage("which tenant? add --tenant <id> (or set WHARF_TENANT)",
                "list the tenants with: wharf tenant list"));
    }

    /** {@link #tenant()}, or empty for an operator who named none (verbs that also work across tenants). */
    public Optional<String> optionalTenant() {
        Optional<String> t = options.value("tenant").or(() -> Optional.ofNullable(env.get("WHARF_TENANT")))
                .map(String::trim).filter(s -> !s.isEmpty());
        if (t.isPresent()) {
            return t;
        }
        return connection.tenantRealm() ? Optional.of(connection.realm()) : Optional.empty();
    }

    /** {@code /v1/admin/tenants/<tenant>} followed by the given path segments, each percent-encoded. */
    public String tenantPath(String... segments) {
        StringBuilder p = new StringBuilder("/v1/admin/tenants/").append(UrlPaths.segment(tenant()));
        for (String s : segments) {
            p.append('/').append(UrlPaths.segment(s));
        }
        return p.toString();
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    public ArrayNode array(List<String> values) {
        ArrayNode a = json.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    public ObjectMapper json() {
        return json;
    }

    /** Standard input as text (for {@code -} arguments). */
    public String readStdin() {
        try {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("cannot read standard input: " + e.getMessage());
        }
    }

    /** "wharf user create": for messages. */
    public String command() {
        return command;
    }
}
