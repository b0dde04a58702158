package dev.wharf.cli.args;

import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgParserTest {
    private static final List<OptionSpec> SPECS = List.of(OptionSpec.flag("json", "j"),
            OptionSpec.value("tenant", "id", "t").withAlias("t"), OptionSpec.value("home", "path", "h"),
            OptionSpec.value("protocols", "list", "p"), OptionSpec.value("enabled", "true|false", "e"),
            OptionSpec.value("otp-grace", "duration", "g"));

    @Test
    void optionsGoAnywhereInEitherForm() {
        ParsedArgs p = ArgParser.parse(List.of("--json", "user", "-t", "acme", "create", "alice", "--home=/x",
                "--protocols", "sftp, ftps"), SPECS);
        assertEquals(List.of("user", "create", "alice"), p.positionals());
        assertTrue(p.has("json"));
        assertEquals("acme", p.value("tenant").orElseThrow());
        assertEquals("/x", p.value("home").orElseThrow());
        assertEquals(List.of("sftp", "ftps"), p.list("protocols").orElseThrow());
        assertFalse(p.has("enabled"));
    }

    @Test
    void doubleDashEndsOptionsAndSingleDashIsAWord() {
        ParsedArgs p = ArgParser.parse(List.of("sshkey", "add", "bob", "-", "--", "--json"), SPECS);
        assertEquals(List.of("sshkey", "add", "bob", "-", "--json"), p.positionals());
        assertFalse(p.has("json"));
    }

    @Test
    void anEmptyListClearsAndTheLastValueWins() {
        ParsedArgs p = ArgParser.parse(List.of("--protocols", "sftp", "--protocols="), SPECS);
        assertEquals(List.of(), p.list("protocols").orElseThrow());
    }

    @Test
    void unknownOptionsMissingValuesAndFlagValuesAreUsageErrors() {
        CliException unknown = assertThrows(CliException.class, () -> ArgParser.parse(List.of("--frob=1"), SPECS));
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.getMessage().contains("--frob"), unknown.getMessage());
        assertTrue(unknown.hints().getFirst().contains("--tenant"), "lists the known options");
        CliException missing = assertThrows(CliException.class, () -> ArgParser.parse(List.of("--home"), SPECS));
        assertEquals(ExitCode.USAGE, missing.exitCode());
        assertTrue(missing.getMessage().contains("--home <path>"), missing.getMessage());
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class,
                () -> ArgParser.parse(List.of("--json=yes"), SPECS)).exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class,
                () -> ArgParser.parse(List.of("-x"), SPECS)).exitCode());
    }

    @Test
    void booleansAndDurationsAreStrict() {
        ParsedArgs p = ArgParser.parse(List.of("--enabled", "no", "--otp-grace", "5m"), SPECS);
        assertEquals(false, p.bool("enabled").orElseThrow());
        assertEquals(300L, p.seconds("otp-grace").orElseThrow());
        assertEquals(86400L, ParsedArgs.parseDuration("x", "1d").toSeconds());
        assertEquals(90L, ParsedArgs.parseDuration("x", "90").toSeconds());
        ParsedArgs bad = ArgParser.parse(List.of("--enabled", "maybe", "--otp-grace", "5 minutes"), SPECS);
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class, () -> bad.bool("enabled")).exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class, () -> bad.seconds("otp-grace")).exitCode());
    }

    @Test
    void leadingWordsSkipOnlyTheValuesOfKnownOptions() {
        assertEquals(List.of("user", "list"), ArgParser.leadingWords(List.of("-t", "acme", "--json", "user",
                "--tenant", "b", "list", "x"), SPECS, 2));
        assertEquals(List.of("tenant"), ArgParser.leadingWords(List.of("tenant", "--", "list"), SPECS, 2));
    }
}
