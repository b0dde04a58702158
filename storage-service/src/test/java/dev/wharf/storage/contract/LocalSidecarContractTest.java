package dev.wharf.storage.contract;

import dev.wharf.launcher.TestComponents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The contract on local disk with checksums in sidecar files (for file systems without user xattrs). */
@QuarkusTest
@TestProfile(LocalSidecarContractTest.Profile.class)
class LocalSidecarContractTest extends LocalBackendContract {
    static final Path ROOT = TestComponents.newWorkDir("storage-sidecar");

    /** Local backend, sidecar checksums, a fresh root. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wharf.storage.backend", "local",
                    "wharf.storage.local.root", ROOT.toString(),
                    "wharf.storage.local.checksums", "sidecar");
        }
    }

    @Override
    protected Path root() {
        return ROOT;
    }

    @Test
    void checksumIsASidecarOutsideTheTenant() throws IOException {
        byte[] content = Data.bytes(100, 41);
        api.upload("/s/side.bin", content);
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(onDisk("/s/side.bin"), UserDefinedFileAttributeView.class);
        assertFalse(view.list().contains("wharf.sha256"), "no xattr in sidecar mode");
        try (Stream<Path> sidecars = Files.walk(ROOT.resolve(".meta").resolve(api.tenant()))) {
            assertEquals(1, sidecars.filter(Files::isRegularFile).count());
        }
        assertEquals(Data.sha256(content), api.info("/s/side.bin").sha256());
    }

    @Test
    void aSidecarThatNoLongerMatchesReadsAsUnknown() throws IOException {
        api.upload("/changed.bin", Data.bytes(100, 42));
        // changed beside Wharf: same path, new inode and size
        Path file = onDisk("/changed.bin");
        Files.delete(file);
        Files.write(file, Data.bytes(50, 43));
        assertNull(api.info("/changed.bin").sha256(), "a stale checksum is never reported");
    }
}
