package dev.wharf.api.grant;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Ed25519 keys grants are signed with, read from PEM files (PKCS#8 {@code PRIVATE KEY}, as {@code openssl
 * genpkey -algorithm ed25519} and Helm's {@code genPrivateKey "ed25519"} write them). The first key signs; all are
 * published, so a key being rotated out still verifies the grants it signed.
 */
public final class GrantKeys {
    private final List<PublicJsonWebKey> keys;

    private GrantKeys(List<PublicJsonWebKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one grant signing key is required");
        }
        this.keys = List.copyOf(keys);
    }

    /** Reads each file (one key per file); a file that is missing or not an Ed25519 PKCS#8 key is an error. */
    public static GrantKeys fromPemFiles(List<Path> files) {
        List<PublicJsonWebKey> keys = new ArrayList<>();
        for (Path f : files) {
            try {
                keys.add(jwk(readPem(Files.readString(f, StandardCharsets.US_ASCII))));
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException("grant signing key " + f + " is not a readable Ed25519 PKCS#8 "
                        + "PEM key: " + e.getMessage(), e);
            }
        }
        return new GrantKeys(keys);
    }

    /** A fresh key pair (tests, and the launcher's first start). */
    public static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }

    /** {@code key} as a PKCS#8 PEM text, the format {@link #fromPemFiles} reads. */
    public static String toPem(PrivateKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** Keys from key pairs in memory (tests). */
    public static GrantKeys of(List<KeyPair> pairs) {
        List<PublicJsonWebKey> keys = new ArrayList<>();
        for (KeyPair p : pairs) {
            keys.add(jwk(p.getPrivate(), p.getPublic()));
        }
        return new GrantKeys(keys);
    }

    PublicJsonWebKey signing() {
        return keys.get(0);
    }

    /** The public half of every key, as a JWKS document (what {@code GET /v1/grants/keys} serves). */
    public String publicJwks() {
        List<JsonWebKey> pub = new ArrayList<>();
        for (PublicJsonWebKey k : keys) {
            try {
                PublicJsonWebKey p = PublicJsonWebKey.Factory.newPublicJwk(k.getPublicKey());
                p.setKeyId(k.getKeyId());
                p.setUse("sig");
                p.setAlgorithm(org.jose4j.jws.AlgorithmIdentifiers.EDDSA);
                pub.add(p);
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
        return new JsonWebKeySet(pub).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static PrivateKey readPem(String pem) throws GeneralSecurityException {
        String begin = "-----BEGIN PRIVATE KEY-----";
        int a = pem.indexOf(begin);
        int b = pem.indexOf("-----END PRIVATE KEY-----");
        if (a < 0 || b < a) {
            throw new IllegalArgumentException("no -----BEGIN PRIVATE KEY----- block");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(a + begin.length(), b));
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static PublicJsonWebKey jwk(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof EdECPrivateKey ed)) {
            throw new IllegalArgumentException("not an Ed25519 key");
        }
        return jwk(key, publicOf(ed));
    }

    /** Derives the public key, for which the JDK has no direct call. */
    private static PublicKey publicOf(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new IllegalArgumentException("the key's bytes are not readable"));
        // A KeyPairGenerator seeded with the private key's bytes reproduces the pair (RFC 8032: the public key is a
        // function of the seed alone).
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
        return g.generateKeyPair().getPublic();
    }

    private static PublicJsonWebKey jwk(PrivateKey priv, PublicKey pub) {
        OctetKeyPairJsonWebKey k = new OctetKeyPairJsonWebKey(pub);
        k.setPrivateKey(priv);
        k.setKeyId(k.calculateBase64urlEncodedThumbprint("SHA-256"));
        return k;
    }

    /** Hands out the given bytes once: what the key generator draws as the Ed25519 seed. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }
    }
}
