package dev.wharf.cli.verbs;

import dev.wharf.cli.args.OptionSpec;

import java.util.Arrays;
import java.util.List;

/**
 * One verb of a group ({@code user create}).
 *
 * @param name the verb's word
 * @param arguments positional arguments as help shows them: {@code <user> [<file>]}; bracketed ones are optional
 * @param summary one line of help
 * @param options the verb's own options (the global ones come on top)
 * @param tenantScoped whether it works inside one tenant (takes {@code --tenant})
 * @param action what it does
 */
public record Verb(String name, String arguments, String summary, List<OptionSpec> options, boolean tenantScoped,
                   Action action) {

    /** What a verb does with its invocation. */
    @FunctionalInterface
    public interface Action {
        void run(Invocation in);
    }

    /** A verb inside a tenant. */
    public static Verb tenant(String name, String arguments, String summary, Action action, OptionSpec... options) {
        return new Verb(name, arguments, summary, List.of(options), true, action);
    }

    /** A verb outside any tenant (tenants themselves, bans). */
    public static Verb global(String name, String arguments, String summary, Action action, OptionSpec... options) {
        return new Verb(name, arguments, summary, List.of(options), false, action);
    }

    public List<String> argumentNames() {
        return arguments.isBlank() ? List.of() : Arrays.asList(arguments.trim().split("\\s+"));
    }

    public int requiredArguments() {
        return (int) argumentNames().stream().filter(a -> !a.startsWith("[")).count();
    }

    public int maxArguments() {
        return argumentNames().size();
    }
}
