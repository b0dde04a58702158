package dev.wharf.storage.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The contract on the local-disk backend; subclasses choose where checksums are kept. */
abstract class LocalBackendContract extends StorageContractTest {
    /** The storage root the profile gave the service. */
    protected abstract Path root();

    @Override
    protected void assertNoUnfinishedUploads() {
        Path staging = root().resolve(".staging");
        await("the staging folder " + staging + " to be empty", () -> stagedFiles(staging) == 0);
    }

    private static long stagedFiles(Path staging) {
        try (Stream<Path> s = Files.list(staging)) {
            // readiness probes pass through staging too; only uploads and sidecars are leftovers
            return s.filter(p -> !p.getFileName().toString().startsWith("ready-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a tenant's file lives on disk. */
    protected Path onDisk(String path) {
        return root().resolve(api.tenant()).resolve(path.substring(1));
    }
}
