package dev.wharf.policy.geo;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CountryResponse;
import inet.ipaddr.IPAddress;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Countries from a MaxMind GeoIP2/GeoLite2 Country (or City) database file (or a jar holding one). The file is checked for changes (time
 * and size) at most once per {@code checkInterval}, by the lookup that finds the interval over, and reloaded when
 * it changed: database updates (geoipupdate replaces the file) need no restart. A file that is missing or does not
 * load leaves the previous database in use when there was one, else none ({@link #loaded()} false).
 */
public final class GeoIpCountries implements CountryLookup, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GeoIpCountries.class);

    private record Loaded(DatabaseReader reader, FileTime modified, long size) {
    }

    private final Path file;
    private final Duration checkInterval;
    private final Clock clock;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final AtomicReference<Instant> nextCheck;

    public GeoIpCountries(Path file, Duration checkInterval, Clock clock) {
        this.file = file;
        this.checkInterval = checkInterval;
        this.clock = clock;
        this.nextCheck = new AtomicReference<>(clock.instant().plus(checkInterval));
        reloadIfChanged();
    }

    /** The configured database file. */
    public Path file() {
        return file;
    }

    @Override
    public boolean loaded() {
        maybeCheck();
        return current.get() != null;
    }

    @Override
    public Optional<String> country(IPAddress address) {
        maybeCheck();
        Loaded l = current.get();
        if (l == null) {
            return Optional.empty();
        }
        try {
            Optional<CountryResponse> r = l.reader().tryCountry(address.toInetAddress());
            return r.map(c -> c.country() != null && c.country().isoCode() != null ? c.country().isoCode()
                            : c.registeredCountry() == null ? null : c.registeredCountry().isoCode())
                    .map(code -> code.toUpperCase(Locale.ROOT));
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            LOG.debugf("no country for %s: %s", address, e.toString());
            return Optional.empty();
        }
    }

    /** Loads the file when it is new or changed since the last load; answers whether a database is loaded. */
    public synchronized boolean reloadIfChanged() {
        Loaded old = current.get();
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (old != null && old.modified().equals(modified) && old.size() == size) {
                return true;
            }
            // whole file in memory: a replaced file cannot change under running lookups
            DatabaseReader reader;
            try (var in = open(file)) {
                reader = new DatabaseReader.Builder(in).build();
            }
            String type = reader.getMetadata().databaseType();
            if (!type.contains("Country") && !type.contains("City")) {
                reader.close();
                throw new IOException("database type " + type + " has no countries");
            }
            current.set(new Loaded(reader, modified, size));
            LOG.infof("GeoIP database %s loaded (%s, built %s)", file, type, reader.getMetadata().buildTime());
            // the old reader is not closed: lookups may still run on it; being in memory, the GC frees it
        } catch (IOException | RuntimeException e) {
            LOG.warnf("GeoIP database %s cannot be loaded%s: %s", file,
                    old != null ? " (keeping the one loaded before)" : "", e.toString());
        }
        return current.get() != null;
    }

    /**
     * The database's bytes: the file itself, or, for a {@code .jar}/{@code .zip} (such as Maven Central's
     * {@code org.elasticsearch:geolite2-databases}, which {@code ./wharf up} uses by default), its
     * {@code *Country.mmdb} entry.
     */
    private static InputStream open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".jar") && !name.endsWith(".zip")) {
            return Files.newInputStream(file);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith("Country.mmdb")).findFirst()
                    .orElseThrow(() -> new IOException("no *Country.mmdb entry in " + file));
            try (InputStream in = zip.getInputStream(entry)) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }

    @Override
    public void close() throws IOException {
        Loaded l = current.getAndSet(null);
        if (l != null) {
            l.reader().close();
        }
    }

    private void maybeCheck() {
        Instant now = clock.instant();
        Instant due = nextCheck.get();
        if (now.isBefore(due) || !nextCheck.compareAndSet(due, now.plus(checkInterval))) {
            return;
        }
        reloadIfChanged();
    }
}
