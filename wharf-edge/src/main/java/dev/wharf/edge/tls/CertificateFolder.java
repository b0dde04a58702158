package dev.wharf.edge.tls;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folder of custom-domain certificates every TLS gateway reads ({@code wharf.tls.sni-certificates-dir}):
 * {@code <name>.crt} with {@code <name>.key}, or a sub-folder {@code <name>} holding {@code tls.crt} and
 * {@code tls.key} as Kubernetes mounts a TLS secret. Hidden entries (Kubernetes' {@code ..data} and timestamped
 * folders behind the symlinks) are skipped. Which names a certificate serves is read from the certificate itself.
 */
public final class CertificateFolder {
    /** One certificate file and its private key file; {@code name} is the file's stem or the sub-folder's name. */
    public record Pair(String name, Path certificate, Path key) {
    }

    private CertificateFolder() {
    }

    /** The pairs in {@code folder}, sorted by name; none when it is not a folder. */
    public static List<Pair> pairs(Path folder) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return pairs;
        }
        List<Path> sorted = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            dir.forEach(sorted::add);
        }
        sorted.sort(null);
        for (Path p : sorted) {
            String file = p.getFileName().toString();
            if (file.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(p) && Files.exists(p.resolve("tls.crt")) && Files.exists(p.resolve("tls.key"))) {
                pairs.add(new Pair(file, p.resolve("tls.crt"), p.resolve("tls.key")));
            } else if (file.endsWith(".crt") && Files.exists(p.resolveSibling(stem(file) + ".key"))) {
                pairs.add(new Pair(stem(file), p, p.resolveSibling(stem(file) + ".key")));
            }
        }
        return pairs;
    }

    private static String stem(String file) {
        return file.substring(0, file.length() - ".crt".length());
    }
}
