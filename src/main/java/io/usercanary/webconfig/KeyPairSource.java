package io.usercanary.webconfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Where the server's certificate and key come from: {@code cert_file}/{@code key_file} (re-read when they
 * change) or inline {@code cert}/{@code key}. {@link #load} checks that the key is the certificate's.
 */
record KeyPairSource(Path certFile, String certText, Path keyFile, String keyText) {

    /** A certificate chain (leaf first) with its private key. */
    record Loaded(List<X509Certificate> chain, PrivateKey key) {}

    /** What a change to the files looks like: size, modification time and file identity of both. */
    record Stamp(List<Object> parts) {}

    Stamp stamp() {
        return new Stamp(List.of(stamp(certFile), stamp(keyFile)));
    }

    private static Object stamp(Path file) {
        if (file == null) {
            return "inline";
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.size(), attributes.lastModifiedTime().toMillis(),
                    Objects.toString(attributes.fileKey()));
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** Reads and checks both; the message names the key ({@code cert_file}...) and never holds key material. */
    Loaded load() throws WebConfigException {
        String certPem = certFile != null ? read(certFile, "cert_file") : certText;
        String keyPem = keyFile != null ? read(keyFile, "key_file") : keyText;
        String certKey = certFile != null ? "tls_server_config.cert_file" : "tls_server_config.cert";
        String keyKey = keyFile != null ? "tls_server_config.key_file" : "tls_server_config.key";
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(certPem);
        } catch (GeneralSecurityException e) {
            throw new WebConfigException(certKey + ": " + (certFile != null ? certFile + ": " : "")
                    + "not a PEM certificate (" + e.getMessage() + ")");
        }
        PrivateKey key;
        try {
            key = Pem.privateKey(keyPem);
        } catch (GeneralSecurityException e) {
            throw new WebConfigException(keyKey + ": " + (keyFile != null ? keyFile + ": " : "") + e.getMessage());
        }
        if (!matches(chain.get(0), key)) {
            throw new WebConfigException(keyKey + ": the private key does not match the certificate in "
                    + (certFile != null ? certFile : "cert"));
        }
        return new Loaded(List.copyOf(chain), key);
    }

    private static String read(Path file, String key) throws WebConfigException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
            throw new WebConfigException("tls_server_config." + key + ": cannot read " + file + " (" + why + ")");
        } catch (RuntimeException e) {
            throw new WebConfigException("tls_server_config." + key + ": " + file + " is not a PEM text file");
        }
    }

    /** Signs with the key and verifies with the certificate's public key: works for RSA, EC and EdDSA alike. */
    private static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA
        };
        try {
            byte[] probe = "usercanary key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                signer.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                verifier.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
