package dev.wharf.cli.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a secret kept in a file by {@code ./wharf up} (first line, trimmed). */
final class LocalSecrets {
    private LocalSecrets() {
    }

    static Optional<String> read(Path file) {
        try {
            if (!Files.isReadable(file)) {
                return Optional.empty();
            }
            String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty() : Optional.of(first);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
