package dev.wharf.sftp.server;

import dev.wharf.sftp.crypto.JdkChaCha20Poly1305;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * The algorithms the server offers, parsed from configuration. Unknown names are a configuration error (the
 * gateway does not start); known names this JVM cannot run (the post-quantum hybrids without Bouncy Castle) are
 * skipped with a log line.
 */
public record Algorithms(List<DHFactory> kex, List<NamedFactory<Cipher>> ciphers, List<NamedFactory<Mac>> macs,
                         List<NamedFactory<Signature>> signatures) {
    private static final Logger LOG = Logger.getLogger(Algorithms.class);

    /** Parses and checks the configured lists. */
    public static Algorithms from(SftpConfig config) {
        BuiltinDHFactories.ParseResult kex = BuiltinDHFactories.parseDHFactoriesList(csv(config.kexAlgorithms()));
        requireKnown("wharf.sftp.kex-algorithms", kex.getUnsupportedResources());
        BuiltinCiphers.ParseResult ciphers = BuiltinCiphers.parseCiphersList(csv(config.ciphers()));
        requireKnown("wharf.sftp.ciphers", ciphers.getUnsupportedFactories());
        BuiltinMacs.ParseResult macs = BuiltinMacs.parseMacsList(csv(config.macs()));
        requireKnown("wharf.sftp.macs", macs.getUnsupportedFactories());
        BuiltinSignatures.ParseResult sigs = BuiltinSignatures.parseSignatureList(csv(config.hostKeyAlgorithms()));
        requireKnown("wharf.sftp.host-key-algorithms", sigs.getUnsupportedFactories());
        return new Algorithms(
                runnable("wharf.sftp.kex-algorithms", kex.getParsedResources()),
                runnable("wharf.sftp.ciphers", fastChaCha(ciphers.getParsedFactories())),
                runnable("wharf.sftp.macs", new ArrayList<NamedFactory<Mac>>(macs.getParsedFactories())),
                runnable("wharf.sftp.host-key-algorithms",
                        new ArrayList<NamedFactory<Signature>>(sigs.getParsedFactories())));
    }

    /**
     * SSHD's chacha20-poly1305 is pure Java and OpenSSH clients choose it first: the JDK-backed one takes its place
     * (same name, same wire format), see {@link JdkChaCha20Poly1305}.
     */
    private static List<NamedFactory<Cipher>> fastChaCha(List<? extends NamedFactory<Cipher>> parsed) {
        List<NamedFactory<Cipher>> out = new ArrayList<>(parsed.size());
        for (NamedFactory<Cipher> f : parsed) {
            out.add(JdkChaCha20Poly1305.NAME.equals(f.getName()) ? JdkChaCha20Poly1305.FACTORY : f);
        }
        return out;
    }

    /** Installs these lists on the server; nothing else is offered. */
    public void apply(SshServer server) {
        server.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, kex, ServerBuilder.DH2KEX));
        server.setCipherFactories(ciphers);
        server.setMacFactories(macs);
        server.setSignatureFactories(signatures);
    }

    /** Names in order, for logs and tests. */
    public static List<String> names(List<? extends NamedResource> list) {
        return list.stream().map(NamedResource::getName).toList();
    }

    private static <T extends NamedResource> List<T> runnable(String key, List<T> parsed) {
        List<T> ok = new ArrayList<>();
        for (T t : parsed) {
            if (t instanceof OptionalFeature f && !f.isSupported()) {
                LOG.infof("%s: %s is not available in this JVM (needs Bouncy Castle?); skipped", key, t.getName());
            } else {
                ok.add(t);
            }
        }
        if (ok.isEmpty()) {
            throw new IllegalArgumentException(key + ": none of the configured algorithms is available");
        }
        return List.copyOf(ok);
    }

    private static void requireKnown(String key, List<String> unknown) {
        if (unknown != null && !unknown.isEmpty()) {
            throw new IllegalArgumentException(key + ": unknown algorithm(s) " + unknown);
        }
    }

    private static String csv(List<String> names) {
        return String.join(",", names.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
