package dev.wharf.identity.sshkey;

import dev.wharf.identity.testing.TestSshKeys;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenSSH public key lines: accepted types, refused ones, fingerprints as ssh-keygen prints them. */
class OpenSshKeyTest {
    @Test
    void acceptedTypesParseWithTheirSizes() {
        assertEquals(256, OpenSshKey.parse(TestSshKeys.ed25519()).bits());
        assertEquals(256, OpenSshKey.parse(TestSshKeys.ecdsa(256)).bits());
        assertEquals(384, OpenSshKey.parse(TestSshKeys.ecdsa(384)).bits());
        assertEquals(521, OpenSshKey.parse(TestSshKeys.ecdsa(521)).bits());
        OpenSshKey rsa = OpenSshKey.parse(TestSshKeys.rsa(2048));
        assertEquals(2048, rsa.bits());
        assertEquals("ssh-rsa", rsa.type());
        assertEquals("test@wharf", rsa.comment());
    }

    @Test
    void weakAndMalformedKeysAreRefusedWithAReason() {
        assertTrue(refusal(TestSshKeys.rsa(1024)).contains("2048"));
        assertTrue(refusal(TestSshKeys.dsa()).contains("DSA"));
        assertTrue(refusal("ssh-ed25519").contains("<type> <base64>"));
        assertTrue(refusal("ssh-ed25519 !!!notbase64").contains("base64"));
        assertTrue(refusal(TestSshKeys.ed25519().replace("ssh-ed25519 ", "ssh-rsa ")).contains("says"));
        assertTrue(refusal("ssh-foo AAAAB3NzaC1mb28=").contains("unsupported"));
        String ed = TestSshKeys.ed25519().split(" ")[1];
        String truncated = ed.substring(0, ed.length() - 8);
        refusal("ssh-ed25519 " + truncated);
        assertThrows(IllegalArgumentException.class, () -> OpenSshKey.parse(""));
        assertThrows(IllegalArgumentException.class, () -> OpenSshKey.parse(null));
    }

    @Test
    void fingerprintsMatchSshKeygen() throws IOException, InterruptedException {
        Path ssh = Path.of("/usr/bin/ssh-keygen");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(ssh), "ssh-keygen not installed");
        for (String line : new String[] {TestSshKeys.ed25519(), TestSshKeys.ecdsa(384), TestSshKeys.rsa(3072)}) {
            Path f = Files.createTempFile("key", ".pub");
            try {
                Files.writeString(f, line + "\n");
                Process p = new ProcessBuilder(ssh.toString(), "-l", "-E", "sha256", "-f", f.toString())
                        .redirectErrorStream(true).start();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                OpenSshKey k = OpenSshKey.parse(line);
                assertTrue(out.contains(k.fingerprint()), out + " vs " + k.fingerprint());
                assertTrue(out.startsWith(k.bits() + " "), out);
            } finally {
                Files.deleteIfExists(f);
            }
        }
    }

    private static String refusal(String line) {
        return assertThrows(IllegalArgumentException.class, () -> OpenSshKey.parse(line)).getMessage();
    }
}
