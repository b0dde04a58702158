package dev.wharf.cli.args;

import java.util.List;

/**
 * One option a verb accepts: {@code --name value}, {@code --name=value}, or a flag without value.
 *
 * @param name long name without dashes
 * @param alias one-letter alias without dash, or null
 * @param valueName what the value is (shown in help); null for a flag
 * @param help one line of help
 */
public record OptionSpec(String name, String alias, String valueName, String help) {

    /** An option that takes a value. */
    public static OptionSpec value(String name, String valueName, String help) {
        return new OptionSpec(name, null, valueName, help);
    }

    /** A flag (no value). */
    public static OptionSpec flag(String name, String help) {
        return new OptionSpec(name, null, null, help);
    }

    /** The same option with a one-letter alias. */
    public OptionSpec withAlias(String letter) {
        return new OptionSpec(name, letter, valueName, help);
    }

    public boolean takesValue() {
        return valueName != null;
    }

    /** How help shows it: {@code -t, --tenant <id>}. */
    public String synopsis() {
        String s = (alias != null ? "-" + alias + ", " : "") + "--" + name;
        return takesValue() ? s + " <" + valueName + ">" : s;
    }

    static OptionSpec find(List<OptionSpec> specs, String nameOrAlias, boolean isAlias) {
        for (OptionSpec s : specs) {
            if (isAlias ? nameOrAlias.equals(s.alias) : nameOrAlias.equals(s.name)) {
                return s;
            }
        }
        return null;
    }
}
