package dev.wharf.storage.local;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.storage.backend.ByteRange;
import dev.wharf.storage.backend.StorageConfig.ChecksumMode;
import dev.wharf.storage.backend.StoragePath;
import dev.wharf.storage.backend.UploadBody;
import dev.wharf.storage.backend.WriteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the local backend does beyond the HTTP contract: startup, readiness, and what it finds beside it on disk. */
class LocalBackendTest {
    @TempDir
    Path root;

    private LocalBackend backend() {
        return new LocalBackend(root, ChecksumMode.auto, Duration.ofHours(24));
    }

    @Test
    void usesExtendedAttributesWhereTheFileSystemHasThem() {
        assertEquals(XattrChecksumStore.supported(root) ? "xattr" : "sidecar", backend().checksumKind());
    }

    @Test
    void sweepsStaleUnfinishedUploadsAtStartup() throws IOException {
        Path staging = Files.createDirectories(root.resolve(".staging"));
        Path stale = Files.writeString(staging.resolve("upload-1.part"), "crashed");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.writeString(staging.resolve("upload-2.part"), "another replica's upload in progress");
        backend();
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(recent));
    }

    @Test
    void notReadyWhenStagingIsNotWritable() throws IOException {
        LocalBackend backend = backend();
        backend.checkReady();
        Path staging = root.resolve(".staging");
        Files.delete(staging);
        Files.writeString(staging, "a file where the staging folder should be");
        WharfException e = assertThrows(WharfException.class, backend::checkReady);
        assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason());
    }

    @Test
    void linksAndSpecialNamesOnDiskAreNeitherListedNorFollowed() throws IOException {
        LocalBackend backend = backend();
        backend.write(StoragePath.of("acme", "/real.txt"), WriteMode.REPLACE,
                new UploadBody(new ByteArrayInputStream("x".getBytes()), 1));
        Path outside = Files.writeString(root.resolve("outside.txt"), "not acme's");
        Path tenant = root.resolve("acme");
        Files.createSymbolicLink(tenant.resolve("link.txt"), outside);
        Files.createSymbolicLink(tenant.resolve("linkdir"), root);
        Files.writeString(tenant.resolve("back\\slash"), "made beside Wharf");

        assertEquals(List.of("real.txt"), backend.list(StoragePath.root("acme")).stream().map(f -> f.name()).toList());
        assertEquals(Reason.NOT_FOUND, assertThrows(WharfException.class,
                () -> backend.read(StoragePath.of("acme", "/link.txt"), ByteRange.ALL)).reason());
        assertEquals(Reason.NOT_FOUND, assertThrows(WharfException.class,
                () -> backend.list(StoragePath.of("acme", "/linkdir"))).reason());
        // through a link further up: neither read nor written, nor listed
        assertEquals(Reason.INVALID_PATH, assertThrows(WharfException.class,
                () -> backend.read(StoragePath.of("acme", "/linkdir/outside.txt"), ByteRange.ALL)).reason());
        assertEquals(Reason.INVALID_PATH, assertThrows(WharfException.class,
                () -> backend.write(StoragePath.of("acme", "/linkdir/deep/planted.txt"), WriteMode.REPLACE,
                        new UploadBody(new ByteArrayInputStream("x".getBytes()), 1))).reason());
        assertFalse(Files.exists(root.resolve("deep")), "nothing was written outside the tenant");
        assertEquals(Reason.INVALID_PATH, assertThrows(WharfException.class,
                () -> backend.list(StoragePath.of("acme", "/linkdir/acme"))).reason());
    }

    @Test
    void aTenantFolderMayItselfBeALink() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("disk2/acme"));
        LocalBackend backend = backend();
        Files.createSymbolicLink(root.resolve("acme"), elsewhere);
        backend.write(StoragePath.of("acme", "/sub/a.txt"), WriteMode.REPLACE,
                new UploadBody(new ByteArrayInputStream("abc".getBytes()), 3));
        assertEquals(3, backend.stat(StoragePath.of("acme", "/sub/a.txt")).size());
        assertTrue(Files.isRegularFile(elsewhere.resolve("sub/a.txt")));
        assertEquals(List.of("sub"), backend.list(StoragePath.root("acme")).stream().map(f -> f.name()).toList());
    }

    @Test
    void tenantRootsAndWharfFoldersNeverMix() {
        LocalBackend backend = backend();
        backend.write(StoragePath.of("acme", "/a.txt"), WriteMode.REPLACE,
                new UploadBody(new ByteArrayInputStream(new byte[3]), 3));
        assertTrue(Files.isRegularFile(root.resolve("acme/a.txt")));
        assertTrue(Files.isDirectory(root.resolve(".staging")));
        assertEquals(List.of(), backend.list(StoragePath.root("other")));
    }
}
