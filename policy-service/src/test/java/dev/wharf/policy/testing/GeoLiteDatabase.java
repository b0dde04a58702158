package dev.wharf.policy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real GeoLite2 databases of {@code org.elasticsearch:geolite2-databases:20191119} (test classpath), copied to
 * files because the service reads a path. 8.8.8.8 is US and 81.2.69.142 is GB in them.
 */
public final class GeoLiteDatabase {
    private GeoLiteDatabase() {
    }

    /** A fresh copy of GeoLite2-Country.mmdb at {@code target}. */
    public static Path country(Path target) {
        return copy("GeoLite2-Country.mmdb", target);
    }

    /** A fresh copy of GeoLite2-ASN.mmdb (a database without countries) at {@code target}. */
    public static Path asn(Path target) {
        return copy("GeoLite2-ASN.mmdb", target);
    }

    /** A copy of the Country database in a new temporary folder of {@code target/}. */
    public static Path countryInTempDir() {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target"));
            return country(Files.createTempDirectory(dir, "geoip-").resolve("GeoLite2-Country.mmdb"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(String resource, Path target) {
        try (InputStream in = GeoLiteDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath "
                        + "(org.elasticsearch:geolite2-databases)");
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            // replaced in one step, as geoipupdate does, so that a reader never sees half a file
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
