package dev.wharf.identity.user;

import dev.wharf.core.identity.PasswordGenerator;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks of user input before anything reaches Keycloak. */
class UserInputTest {
    private static void refused(Runnable r) {
        WharfException e = assertThrows(WharfException.class, r::run);
        assertEquals(Reason.BAD_REQUEST, e.reason());
    }

    @Test
    void userNamesAreLowerCased() {
        assertEquals("alice.b-c_d", UserService.username("Alice.B-c_d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "alice@acme", "-lead", ".dot", "a/b", "tab\t", "ü"})
    void badUserNames(String name) {
        refused(() -> UserService.username(name));
    }

    @Test
    void tooLongUserName() {
        refused(() -> UserService.username("a".repeat(65)));
        assertEquals("a".repeat(64), UserService.username("a".repeat(64)));
    }

    @Test
    void homeMustBeAbsoluteAndNormalized() {
        assertEquals("/alice", UserService.home("/alice"));
        assertEquals("/shared/in", UserService.home("/shared/in"));
        assertEquals("/", UserService.home("/"));
        for (String bad : List.of("alice", "/a/../b", "/a/./b", "/a//b", "/a/", "/a\\b", "/a\u0000b", "/a\nb", "")) {
            refused(() -> UserService.home(bad));
        }
    }

    @Test
    void passwordsNeedEightCharactersAndNoControlCharacters() {
        assertEquals("12345678", UserService.password("12345678"));
        refused(() -> UserService.password("1234567"));
        refused(() -> UserService.password("12345678\n"));
        refused(() -> UserService.password("x".repeat(1025)));
    }

    @Test
    void protocolsAreNormalizedAndDeduplicated() {
        assertEquals(List.of("sftp", "ftps"), UserService.protocols(List.of("SFTP", " ftps ", "sftp")));
        assertEquals(List.of(), UserService.protocols(null));
        refused(() -> UserService.protocols(List.of("gopher")));
        refused(() -> UserService.protocols(Arrays.asList("sftp", null)));
    }

    @Test
    void cidrsMustBeWhatPolicyServiceMatches() {
        assertEquals(List.of("192.0.2.0/24", "2001:db8::/32", "198.51.100.7", "::1"),
                UserService.cidrs(List.of(" 192.0.2.0/24", "2001:db8::/32", "198.51.100.7", "::1")));
        for (String bad : List.of("10.1", "10.0.0.0/33", "2001:db8::/129", "example.com", "10.*", "10.0.0.1-5",
                "", "1.2.3.4/", "::ffff:1.2.3.4/", "1::2::3")) {
            refused(() -> UserService.cidrs(List.of(bad)));
        }
    }

    @Test
    void generatedPasswordsAreLongMixedAndDifferent() {
        PasswordGenerator g = new PasswordGenerator();
        String a = g.generate();
        String b = g.generate();
        assertEquals(24, a.length());
        assertFalse(a.equals(b));
        assertTrue(a.chars().anyMatch(Character::isUpperCase));
        assertTrue(a.chars().anyMatch(Character::isLowerCase));
        assertTrue(a.chars().anyMatch(Character::isDigit));
        assertTrue(a.chars().allMatch(Character::isLetterOrDigit));
    }
}
