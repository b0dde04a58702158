package dev.wharf.api.grant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.grant.IssuedGrant;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing and verifying grants: what storage-service accepts, and everything it must refuse. */
class GrantTokensTest {
    private static final KeyPair A = GrantKeys.generate();
    private static final KeyPair B = GrantKeys.generate();

    private static GrantClaims claims(Instant from, Duration lifetime) {
        return new GrantClaims(GrantClaims.SESSION, "acme", "alice", "u-1", "/alice", "sftp", "s-1", from,
                from.plus(lifetime), from);
    }

    @Test
    void aSignedGrantVerifiesWithThePublishedKeysAndKeepsItsClaims() {
        GrantKeys keys = GrantKeys.of(List.of(A));
        Instant now = Instant.now();
        IssuedGrant g = new GrantSigner(keys).sign(claims(now, Duration.ofMinutes(5)));
        GrantClaims c = new GrantVerifier(RemoteGrantKeys.local(keys)).verify(g.token());
        assertEquals("acme", c.tenant());
        assertEquals("/alice", c.home());
        assertEquals("alice", c.username());
        assertEquals("s-1", c.sessionId());
        assertEquals(GrantClaims.SESSION, c.scope());
        assertEquals(now.toEpochMilli() / 1000, c.loginAt().getEpochSecond());
        assertFalse(keys.publicJwks().contains("\"d\""), "the published set holds no private part");
    }

    @Test
    void theSitesLimitsTravelSignedBesideTheUsers() {
        GrantKeys keys = GrantKeys.of(List.of(A));
        Instant now = Instant.now();
        SiteQuota site = new SiteQuota(new Quota(1L << 40, Quota.UNLIMITED, Quota.UNLIMITED),
                java.util.Map.of("finance", new Quota(1000, 10, Quota.UNLIMITED)));
        Quota user = new Quota(500, Quota.UNLIMITED, 100);
        IssuedGrant g = new GrantSigner(keys).sign(new GrantClaims(GrantClaims.SESSION, "acme", "alice", "u-1",
                "/alice", "sftp", "s-1", now, now.plus(Duration.ofMinutes(5)), now, null, user, site));
        GrantClaims c = new GrantVerifier(RemoteGrantKeys.local(keys)).verify(g.token());
        assertEquals(user, c.quota());
        assertEquals(site, c.siteQuota());
        assertEquals(SiteQuota.NONE, new GrantVerifier(RemoteGrantKeys.local(keys))
                .verify(new GrantSigner(keys).sign(claims(now, Duration.ofMinutes(5))).token()).siteQuota());
    }

    @Test
    void anExpiredGrantIsRefusedButItsSignatureStillReadsForRenewal() {
        GrantKeys keys = GrantKeys.of(List.of(A));
        IssuedGrant g = new GrantSigner(keys).sign(claims(Instant.now().minus(Duration.ofMinutes(10)),
                Duration.ofMinutes(5)));
        GrantVerifier v = new GrantVerifier(RemoteGrantKeys.local(keys));
        WharfException e = assertThrows(WharfException.class, () -> v.verify(g.token()));
        assertEquals(Reason.UNAUTHENTICATED_CALLER, e.reason());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertEquals("acme", v.verifyIgnoringExpiry(g.token()).tenant());
    }

    @Test
    void aGrantOfAnotherKeyATamperedOneAndGarbageAreRefused() {
        IssuedGrant foreign = new GrantSigner(GrantKeys.of(List.of(B))).sign(claims(Instant.now(), Duration.ofMinutes(5)));
        GrantVerifier v = new GrantVerifier(RemoteGrantKeys.local(GrantKeys.of(List.of(A))));
        assertEquals(Reason.UNAUTHENTICATED_CALLER, assertThrows(WharfException.class, () -> v.verify(foreign.token())).reason());
        assertEquals(Reason.UNAUTHENTICATED_CALLER,
                assertThrows(WharfException.class, () -> v.verifyIgnoringExpiry(foreign.token())).reason());

        IssuedGrant own = new GrantSigner(GrantKeys.of(List.of(A))).sign(claims(Instant.now(), Duration.ofMinutes(5)));
        String[] parts = own.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"/alice\"", "\"/\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        assertEquals(Reason.UNAUTHENTICATED_CALLER, assertThrows(WharfException.class, () -> v.verify(tampered)).reason());
        String unsigned = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
        assertEquals(Reason.UNAUTHENTICATED_CALLER, assertThrows(WharfException.class, () -> v.verify(unsigned)).reason());
        for (String junk : new String[] {"", "x", "a.b.c", "Bearer " + own.token()}) {
            assertEquals(Reason.UNAUTHENTICATED_CALLER, assertThrows(WharfException.class, () -> v.verify(junk)).reason(),
                    junk);
        }
    }

    @Test
    void rotationTheNewKeySignsAndGrantsOfTheOldOneStillVerify(@TempDir Path dir) throws Exception {
        Path oldKey = dir.resolve("old.pem");
        Path newKey = dir.resolve("new.pem");
        Files.writeString(oldKey, GrantKeys.toPem(A.getPrivate()));
        Files.writeString(newKey, GrantKeys.toPem(B.getPrivate()));
        IssuedGrant before = new GrantSigner(GrantKeys.fromPemFiles(List.of(oldKey)))
                .sign(claims(Instant.now(), Duration.ofMinutes(5)));
        GrantKeys rotated = GrantKeys.fromPemFiles(List.of(newKey, oldKey));
        IssuedGrant after = new GrantSigner(rotated).sign(claims(Instant.now(), Duration.ofMinutes(5)));
        GrantVerifier v = new GrantVerifier(RemoteGrantKeys.local(rotated));
        assertEquals("acme", v.verify(before.token()).tenant());
        assertEquals("acme", v.verify(after.token()).tenant());
        GrantVerifier onlyOld = new GrantVerifier(RemoteGrantKeys.local(GrantKeys.fromPemFiles(List.of(oldKey))));
        assertThrows(WharfException.class, () -> onlyOld.verify(after.token()), "the new key signs");
    }

    @Test
    void aFileThatIsNotAnEd25519KeyIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("junk.pem");
        Files.writeString(f, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GrantKeys.fromPemFiles(List.of(f)));
        assertTrue(e.getMessage().contains("junk.pem"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GrantKeys.fromPemFiles(List.of(dir.resolve("missing.pem"))));
    }
}
