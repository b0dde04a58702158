package dev.wharf.ftp.tls;

import dev.wharf.edge.tls.CertificateFolder;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's certificates, read from PEM files and re-read when they change: the platform certificate
 * ({@code wharf.tls.certificate}/{@code private-key}), and optionally one per custom domain from a folder
 * ({@code <name>.crt} + {@code <name>.key}, or a sub-folder with {@code tls.crt} + {@code tls.key} as Kubernetes
 * TLS secrets are mounted). A change that does not load (half-written file, mismatched key) is logged and the
 * certificates in use are kept.
 */
public final class CertificateStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CertificateStore.class);

    /** One certificate with its key and the DNS names (lower case, {@code *.x} wildcards kept) it is valid for. */
    record Entry(String alias, PemKeyMaterial material, List<String> names) {
        boolean covers(String host) {
            for (String n : names) {
                if (n.equals(host) || n.startsWith("*.") && host.endsWith(n.substring(1))
                        && host.indexOf('.') == host.length() - n.length() + 1) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What is served now: the platform entry first. */
    record Snapshot(int generation, List<Entry> entries, String fingerprint) {
        Entry platform() {
            return entries.get(0);
        }
    }

    private final Path certificate;
    private final Path privateKey;
    private final Optional<Path> sniDirectory;
    private final AtomicInteger generations = new AtomicInteger();
    private volatile Snapshot current;
    private volatile Snapshot previous;
    private volatile String failedFingerprint = "";
    private ScheduledExecutorService watcher;

    private CertificateStore(Path certificate, Path privateKey, Optional<Path> sniDirectory) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.sniDirectory = sniDirectory;
        this.current = load(); // fails the start when the platform certificate does not load
    }

    /** A store of one fixed certificate (tests, tools): never re-read. */
    static CertificateStore fixed(PemKeyMaterial material) {
        return new CertificateStore(material);
    }

    private CertificateStore(PemKeyMaterial fixed) {
        this.certificate = null;
        this.privateKey = null;
        this.sniDirectory = Optional.empty();
        this.current = new Snapshot(0, List.of(newEntry("platform", 0, fixed)), "");
    }

    /** When the first certificate served now (platform or custom domain, leaf or chain) stops being valid. */
    public java.time.Instant earliestExpiry() {
        return current.entries().stream().flatMap(e -> e.material().chain().stream())
                .map(c -> c.getNotAfter().toInstant()).min(java.time.Instant::compareTo)
                .orElse(java.time.Instant.MAX);
    }

    /** Loads the files now; with a positive {@code interval}, checks them for changes that often. */
    public static CertificateStore watching(Path certificate, Path privateKey, Optional<Path> sniDirectory,
                                            Duration interval) {
        CertificateStore s = new CertificateStore(certificate, privateKey, sniDirectory);
        if (!interval.isZero() && !interval.isNegative()) {
            s.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wharf-tls-reload");
                t.setDaemon(true);
                return t;
            });
            s.watcher.scheduleWithFixedDelay(s::reloadIfChanged, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return s;
    }

    Snapshot current() {
        return current;
    }

    /** The entry behind an alias handed out to JSSE, also from the snapshot before a reload (handshakes in flight). */
    Entry entry(String alias) {
        for (Snapshot s : new Snapshot[]{current, previous}) {
            if (s != null) {
                for (Entry e : s.entries()) {
                    if (e.alias().equals(alias)) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    /** Re-reads the files when their fingerprint (paths, sizes, modification times) changed. */
    public void reloadIfChanged() {
        if (certificate == null) {
            return;
        }
        try {
            String now = fingerprint();
            if (now.equals(current.fingerprint()) || now.equals(failedFingerprint)) {
                return; // unchanged, or the same broken files as last time (warned once)
            }
            failedFingerprint = now;
            Snapshot next = load();
            failedFingerprint = "";
            previous = current;
            current = next;
            LOG.infof("TLS certificates reloaded: %s", describe(next));
        } catch (RuntimeException e) {
            LOG.warnf("TLS certificates changed but do not load, keeping those in use: %s", e.getMessage());
        }
    }

    private Snapshot load() {
        String fingerprint = fingerprint();
        int generation = generations.incrementAndGet();
        List<Entry> entries = new ArrayList<>();
        entries.add(newEntry("platform", generation, PemKeyMaterial.load(certificate, privateKey)));
        for (Map.Entry<String, Path[]> pair : sniPairs().entrySet()) {
            try {
                entries.add(newEntry(pair.getKey(), generation, PemKeyMaterial.load(pair.getValue()[0],
                        pair.getValue()[1])));
            } catch (TlsSetupException e) {
                // one broken custom-domain certificate must not take the others (or the platform's) down
                LOG.warnf("TLS certificate %s skipped: %s", pair.getKey(), e.getMessage());
            }
        }
        Snapshot s = new Snapshot(generation, List.copyOf(entries), fingerprint);
        if (generation == 1) {
            LOG.infof("TLS certificates: %s", describe(s));
        }
        return s;
    }

    private static Entry newEntry(String name, int generation, PemKeyMaterial material) {
        return new Entry(name + "#" + generation, material, dnsNames(material.chain().get(0)));
    }

    private static List<String> dnsNames(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            LOG.warnf("certificate %s: unreadable subject alternative names", leaf.getSubjectX500Principal());
        }
        return List.copyOf(names);
    }

    /** Custom-domain certificate files: name → {certificate, key} (the folder layout: {@link CertificateFolder}). */
    private Map<String, Path[]> sniPairs() {
        Map<String, Path[]> pairs = new LinkedHashMap<>();
        if (sniDirectory.isEmpty()) {
            return pairs;
        }
        try {
            CertificateFolder.pairs(sniDirectory.get())
                    .forEach(p -> pairs.put(p.name(), new Path[]{p.certificate(), p.key()}));
        } catch (IOException e) {
            LOG.warnf("TLS certificate folder %s unreadable: %s", sniDirectory.get(), e.getMessage());
        }
        return pairs;
    }

    private String fingerprint() {
        StringBuilder b = new StringBuilder();
        List<Path> files = new ArrayList<>(List.of(certificate, privateKey));
        sniPairs().values().forEach(pair -> files.addAll(List.of(pair)));
        for (Path f : files) {
            try {
                b.append(f).append(':').append(Files.size(f)).append(':').append(Files.getLastModifiedTime(f))
                        .append(';');
            } catch (IOException e) {
                b.append(f).append(":missing;");
            }
        }
        return b.toString();
    }

    private static String describe(Snapshot s) {
        return s.entries().stream().map(e -> e.alias() + e.names()).toList().toString();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
