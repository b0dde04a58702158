package dev.wharf.cli.verbs;

import dev.wharf.cli.CliException;

import java.security.SecureRandom;

/** Passwords the CLI chooses (a reset without one) or reads ({@code --new-password -} from stdin). */
final class Passwords {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** 24 letters and digits (about 140 bits), without the look-alikes 0/O, 1/l/I. */
    static String generate() {
        while (true) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 24; i++) {
                sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            String s = sb.toString();
            // some password policies want each class: retry the rare draw without one (bounded in practice)
            if (s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
                    && s.chars().anyMatch(Character::isDigit)) {
                return s;
            }
        }
    }

    /** The value of --new-password; {@code -} reads the first line of standard input. */
    static String given(Invocation in, String value) {
        if (!value.equals("-")) {
            return value;
        }
        String line = in.readStdin().lines().findFirst().orElse("");
        if (line.isEmpty()) {
            throw CliException.usage("--new-password - reads the password from standard input, which was empty");
        }
        return line;
    }
}
