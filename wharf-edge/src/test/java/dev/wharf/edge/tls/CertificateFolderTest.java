package dev.wharf.edge.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CertificateFolderTest {
    @TempDir
    Path dir;

    @Test
    void filePairsAndKubernetesSecretFoldersSortedByName() throws Exception {
        Files.writeString(dir.resolve("zeta.crt"), "c");
        Files.writeString(dir.resolve("zeta.key"), "k");
        Files.writeString(dir.resolve("lonely.crt"), "c"); // no key: not a pair
        Files.writeString(dir.resolve("notes.txt"), "x");
        Path secret = Files.createDirectories(dir.resolve("acme"));
        Files.writeString(secret.resolve("tls.crt"), "c");
        Files.writeString(secret.resolve("tls.key"), "k");
        Path hidden = Files.createDirectories(dir.resolve("..data"));
        Files.writeString(hidden.resolve("tls.crt"), "c");
        Files.writeString(hidden.resolve("tls.key"), "k");

        assertEquals(List.of(new CertificateFolder.Pair("acme", secret.resolve("tls.crt"), secret.resolve("tls.key")),
                new CertificateFolder.Pair("zeta", dir.resolve("zeta.crt"), dir.resolve("zeta.key"))),
                CertificateFolder.pairs(dir));
    }

    @Test
    void noFolderNoPairs() throws Exception {
        assertEquals(List.of(), CertificateFolder.pairs(dir.resolve("missing")));
        assertEquals(List.of(), CertificateFolder.pairs(null));
    }
}
