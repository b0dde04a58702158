package dev.wharf.ftp.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and its private key read from PEM files, checked to belong together.
 *
 * <p>Only unencrypted PKCS#8 keys ({@code BEGIN PRIVATE KEY}) are read: that is what {@code openssl genpkey}
 * and cert-manager write, and it needs no extra crypto library. Other formats get an error that says how to
 * convert them.
 */
public record PemKeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----", Pattern.DOTALL);

    public PemKeyMaterial {
        chain = List.copyOf(chain);
    }

    /** Reads and checks both files; the message of any failure names the file and what is wrong with it. */
    public static PemKeyMaterial load(Path certificateFile, Path privateKeyFile) {
        List<X509Certificate> chain = readChain(certificateFile);
        PrivateKey key = readKey(privateKeyFile, chain.get(0).getPublicKey());
        checkPair(chain.get(0).getPublicKey(), key, certificateFile, privateKeyFile);
        return new PemKeyMaterial(chain, key);
    }

    static List<X509Certificate> readChain(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.type().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsSetupException("certificate file " + file + " holds an unreadable certificate: "
                    + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new TlsSetupException("certificate file " + file + " holds no PEM certificate "
                    + "(-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    static PrivateKey readKey(Path file, PublicKey certificateKey) {
        for (Block b : blocks(file)) {
            switch (b.type()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, b.der(), certificateKey.getAlgorithm());
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new TlsSetupException("private key file " + file
                        + " holds a " + b.type() + " (PKCS#1/SEC1); convert it to PKCS#8 with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem'");
                case "ENCRYPTED PRIVATE KEY" -> throw new TlsSetupException("private key file " + file
                        + " is encrypted; give the gateway an unencrypted PKCS#8 key (keep the file readable only "
                        + "by the gateway, or mount it from a secret)");
                default -> {
                    // certificates or parameters in the same file are skipped
                }
            }
        }
        throw new TlsSetupException("private key file " + file + " holds no PEM private key "
                + "(-----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("private key file " + file + " is not a PKCS#8 " + algorithm
                    + " key matching the certificate: " + e.getMessage(), e);
        }
    }

    /** Signs a random challenge with the key and verifies it with the certificate: a mismatch fails at startup. */
    private static void checkPair(PublicKey pub, PrivateKey key, Path certFile, Path keyFile) {
        String algorithm = switch (pub.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new TlsSetupException("certificate " + certFile + " has a " + pub.getAlgorithm()
                    + " key; use an EC or RSA certificate");
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pub);
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of the wrong kind or curve ends up here as well
        }
        throw new TlsSetupException("private key " + keyFile + " does not belong to the certificate " + certFile);
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsSetupException("cannot read " + file + ": " + e, e);
        }
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(file + ": the PEM block " + m.group(1) + " is not valid base64", e);
            }
        }
        return out;
    }
}
