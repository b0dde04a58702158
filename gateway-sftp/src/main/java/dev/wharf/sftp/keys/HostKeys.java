package dev.wharf.sftp.keys;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The gateway's SSH host keys: Ed25519, ECDSA P-256 and RSA 3072 in OpenSSH private key files (mode 0600) in one
 * folder. A key that is missing is generated once; a key that is present is always loaded, never replaced, so
 * every replica sharing the folder (a Kubernetes secret) presents the same keys and clients' known_hosts stay valid.
 */
public final class HostKeys {
    private static final Logger LOG = Logger.getLogger(HostKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** One kind of host key and the file it lives in (OpenSSH's own file names). */
    public enum Kind {
        ED25519("ssh_host_ed25519_key", "ssh-ed25519", 256),
        ECDSA_P256("ssh_host_ecdsa_key", "ecdsa-sha2-nistp256", 256),
        RSA_3072("ssh_host_rsa_key", "ssh-rsa", 3072);

        private final String fileName;
        private final String keyType;
        private final int bits;

        Kind(String fileName, String keyType, int bits) {
            this.fileName = fileName;
            this.keyType = keyType;
            this.bits = bits;
        }

        public String fileName() {
            return fileName;
        }
    }

    private HostKeys() {
    }

    /** Loads every host key from {@code dir}, generating the missing ones first. */
    public static List<KeyPair> loadOrCreate(Path dir) throws IOException {
        if (!SecurityUtils.isEDDSACurveSupported()) {
            throw new IllegalStateException("Ed25519 host keys need Bouncy Castle on the class path (bcprov-jdk18on)");
        }
        Files.createDirectories(dir, ownerOnlyFolder(dir));
        List<KeyPair> keys = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Path file = dir.resolve(kind.fileName);
            if (!Files.exists(file)) {
                generate(kind, file);
            }
            KeyPair kp = load(file);
            LOG.infof("host key %s %s (%s)", KeyUtils.getKeyType(kp), KeyUtils.getFingerPrint(kp.getPublic()), file);
            keys.add(kp);
        }
        return keys;
    }

    /** Reads one OpenSSH private key file. */
    public static KeyPair load(Path file) throws IOException {
        warnIfOthersCanRead(file);
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()),
                    in, null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException("no key in host key file " + file);
            }
            return it.next();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read host key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void generate(Kind kind, Path file) throws IOException {
        KeyPair kp;
        ByteArrayOutputStream priv = new ByteArrayOutputStream();
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        String comment = "wharf-gateway-sftp";
        try {
            kp = KeyUtils.generateKeyPair(kind.keyType, kind.bits);
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, comment, null, priv);
            OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(kp.getPublic(), comment, pub);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate a " + kind + " host key: " + e.getMessage(), e);
        }
        // write aside, then move into place without replacing: if another replica sharing the folder won the race,
        // its key is kept and loaded, and this one is dropped
        Path tmp = Files.createTempFile(file.getParent(), "." + kind.fileName, ".tmp", ownerOnlyFile(file));
        try {
            Files.write(tmp, priv.toByteArray());
            try {
                Files.move(tmp, file);
                Files.write(file.resolveSibling(kind.fileName + ".pub"), pub.toByteArray());
                LOG.infof("generated %s host key %s", kind, file);
            } catch (FileAlreadyExistsException e) {
                LOG.infof("host key %s appeared meanwhile (another replica); using it", file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void warnIfOthersCanRead(Path file) {
        if (!posix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warnf("host key %s is readable by others (mode %s): restrict it to 0600 or 0400", file,
                        PosixFilePermissions.toString(perms));
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debugf("cannot read the permissions of %s: %s", file, e.toString());
        }
    }

    private static FileAttribute<?>[] ownerOnlyFile(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] ownerOnlyFolder(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path p) {
        return p.getFileSystem() == FileSystems.getDefault()
                && FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
