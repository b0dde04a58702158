package dev.wharf.core.identity;

import java.security.SecureRandom;

/**
 * Strong random passwords for users created without one: 24 characters of letters and digits (about 142 bits),
 * with at least one upper-case letter, one lower-case letter and one digit so that common password policies
 * accept them. No symbols: they trouble FTP clients, shells and URLs.
 */
public final class PasswordGenerator {
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String ALL = UPPER + LOWER + DIGITS;
    private static final int LENGTH = 24;

    private final SecureRandom random = new SecureRandom();

    public String generate() {
        char[] c = new char[LENGTH];
        c[0] = pick(UPPER);
        c[1] = pick(LOWER);
        c[2] = pick(DIGITS);
        for (int i = 3; i < LENGTH; i++) {
            c[i] = pick(ALL);
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return new String(c);
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
