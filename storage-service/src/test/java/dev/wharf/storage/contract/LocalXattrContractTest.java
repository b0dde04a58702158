package dev.wharf.storage.contract;

import dev.wharf.launcher.TestComponents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on local disk with checksums in user extended attributes. */
@QuarkusTest
@TestProfile(LocalXattrContractTest.Profile.class)
class LocalXattrContractTest extends LocalBackendContract {
    static final Path ROOT = TestComponents.newWorkDir("storage-xattr");

    /** Local backend, xattr checksums, a fresh root. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wharf.storage.backend", "local",
                    "wharf.storage.local.root", ROOT.toString(),
                    "wharf.storage.local.checksums", "xattr");
        }
    }

    @Override
    protected Path root() {
        return ROOT;
    }

    @Test
    void checksumIsAnExtendedAttributeOfTheFile() throws IOException {
        byte[] content = Data.bytes(1234, 40);
        api.upload("/x/attr.bin", content);
        Path file = onDisk("/x/attr.bin");
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        assertTrue(view.list().contains("wharf.sha256"), view.list()::toString);
        ByteBuffer buf = ByteBuffer.allocate(view.size("wharf.sha256"));
        view.read("wharf.sha256", buf);
        buf.flip();
        assertEquals(Data.sha256(content) + " 1234", StandardCharsets.US_ASCII.decode(buf).toString());
        assertFalse(Files.exists(ROOT.resolve(".meta")), "no sidecars in xattr mode");
    }
}
