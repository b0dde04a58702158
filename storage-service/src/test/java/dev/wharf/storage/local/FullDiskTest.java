package dev.wharf.storage.local;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.storage.backend.ByteRange;
import dev.wharf.storage.backend.Download;
import dev.wharf.storage.backend.StorageConfig.ChecksumMode;
import dev.wharf.storage.backend.StoragePath;
import dev.wharf.storage.backend.UploadBody;
import dev.wharf.storage.backend.WriteMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The local backend on a disk that fills up: a real 1 MiB tmpfs mounted for the test (root, as CI and the
 * developers' machines run; elsewhere the test is skipped, except in CI where it must run).
 */
class FullDiskTest {
    @TempDir
    Path dir;

    private Path root;
    private boolean mounted;

    @BeforeEach
    void mountTinyFileSystem() throws IOException, InterruptedException {
        root = Files.createDirectories(dir.resolve("tiny"));
        int exit = run("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "wharf-full-disk", root.toString());
        if (exit != 0 && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("cannot mount a tmpfs in CI (root is needed)");
        }
        Assumptions.assumeTrue(exit == 0, "mounting a tmpfs needs root");
        mounted = true;
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mounted) {
            assertEquals(0, run("umount", root.toString()), "umount " + root);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Test
    void anUploadThatFillsTheDiskIsRefusedWithStorageFullLeavesNoTempFileAndTheTargetUntouched() throws Exception {
        LocalBackend backend = new LocalBackend(root, ChecksumMode.auto, Duration.ofHours(24));
        StoragePath path = StoragePath.of("acme", "/report.csv");
        byte[] old = "the report as it was\n".getBytes(StandardCharsets.UTF_8);
        backend.write(path, WriteMode.REPLACE, new UploadBody(new ByteArrayInputStream(old), old.length));

        byte[] big = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(big);
        long start = System.nanoTime();
        WharfException e = assertThrows(WharfException.class,
                () -> backend.write(path, WriteMode.REPLACE, new UploadBody(new ByteArrayInputStream(big), big.length)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Reason.STORAGE_FULL, e.reason(), e.getMessage());
        try (Stream<Path> staged = Files.list(root.resolve(".staging"))) {
            assertEquals(List.of(), staged.toList(), "the temp file is removed");
        }
        try (Download d = backend.read(path, ByteRange.ALL)) {
            assertArrayEquals(old, d.body().readAllBytes(), "the existing target is untouched");
        }
        System.out.printf("FAULT fault=disk-full protocol=storage millis=%d reply=\"%s\"%n", millis,
                e.getMessage().replace('"', '\''));

        byte[] small = "fits once the big one is gone\n".getBytes(StandardCharsets.UTF_8);
        backend.write(StoragePath.of("acme", "/small.txt"), WriteMode.REPLACE,
                new UploadBody(new ByteArrayInputStream(small), small.length));
        try (Download d = backend.read(StoragePath.of("acme", "/small.txt"), ByteRange.ALL)) {
            assertArrayEquals(small, d.body().readAllBytes(), "the space the failed upload took is free again");
        }
    }
}
