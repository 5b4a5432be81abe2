package io.usercanary.webconfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/** {@code tls_server_config} as written to {@link TlsServerConfig} as served, with the toolkit's rules and defaults. */
final class TlsSettings {
    private static final String K = "tls_server_config.";
    private static final Map<String, String> VERSIONS = Map.of("TLS12", "TLSv1.2", "TLS13", "TLSv1.3");
    /** Go's tls.CipherSuites(): the only names the toolkit accepts. The JDK spells them the same way. */
    private static final Set<String> GO_SECURE_SUITES = Set.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final Set<String> GO_CURVES = Set.of("CurveP256", "CurveP384", "CurveP521", "X25519");

    private TlsSettings() {}

    static Optional<TlsServerConfig> from(WebConfigFile.RawTls raw, Path dir) throws WebConfigException {
        boolean enabled = raw.certFile() != null || raw.cert() != null || raw.keyFile() != null || raw.key() != null
                || raw.clientCaFile() != null || raw.clientCa() != null || raw.clientAuthType() != null;
        if (!enabled) {
            return Optional.empty(); // as the toolkit: a tls_server_config with no certificate is plain HTTP
        }
        KeyPairSource keyPair = new KeyPairSource(
                exactlyOne(raw.certFile(), raw.cert(), "cert_file", "cert", dir),
                raw.certFile() == null ? raw.cert() : null,
                exactlyOne(raw.keyFile(), raw.key(), "key_file", "key", dir),
                raw.keyFile() == null ? raw.key() : null);
        ClientAuth clientAuth = ClientAuth.parse(raw.clientAuthType()).orElseThrow(() -> new WebConfigException(
                K + "client_auth_type: unknown value: use NoClientCert, RequestClientCert, RequireAnyClientCert, "
                        + "VerifyClientCertIfGiven or RequireAndVerifyClientCert"));
        List<X509Certificate> clientCas = clientCas(raw, dir);
        if (!clientCas.isEmpty() && clientAuth == ClientAuth.NO_CLIENT_CERT) {
            throw new WebConfigException(K + "client_ca_file: client CAs are configured without a client_auth_type");
        }
        if (clientAuth.verifies() && clientCas.isEmpty()) {
            throw new WebConfigException(K + "client_ca_file: client_auth_type " + clientAuth.yaml()
                    + " needs the CA to verify client certificates with");
        }
        List<String> sans = raw.clientAllowedSans() == null ? List.of() : raw.clientAllowedSans();
        if (raw.clientAllowedSans() != null && !clientAuth.needs()) {
            throw new WebConfigException(K + "client_allowed_sans: needs client_auth_type RequireAnyClientCert or "
                    + "RequireAndVerifyClientCert");
        }
        if (raw.curvePreferences() != null && !raw.curvePreferences().isEmpty()) {
            for (String curve : raw.curvePreferences()) {
                if (!GO_CURVES.contains(curve)) {
                    throw new WebConfigException(K + "curve_preferences: unknown curve " + quote(curve)
                            + ": use CurveP256, CurveP384, CurveP521 or X25519");
                }
            }
            throw new WebConfigException(K + "curve_preferences: Java 17 cannot choose key-exchange groups per server; "
                    + "remove it and start the JVM with -Djdk.tls.namedGroups=x25519,secp256r1 (names as the JDK spells them)");
        }
        String min = version(raw.minVersion(), "min_version", "TLS12");
        String max = version(raw.maxVersion(), "max_version", "TLS13");
        List<String> protocols = new ArrayList<>();
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            if (protocol.compareTo(min) >= 0 && protocol.compareTo(max) <= 0) {
                protocols.add(protocol);
            }
        }
        if (protocols.isEmpty()) {
            throw new WebConfigException(K + "max_version: " + raw.maxVersion() + " is below min_version " + raw.minVersion());
        }
        return Optional.of(new TlsServerConfig(keyPair, clientAuth, clientCas, protocols, cipherSuites(raw.cipherSuites()),
                raw.preferServerCipherSuites() == null || raw.preferServerCipherSuites(), sans));
    }

    private static Path exactlyOne(String file, String inline, String fileKey, String inlineKey, Path dir)
            throws WebConfigException {
        if (file != null && inline != null) {
            throw new WebConfigException(K + fileKey + ": give " + fileKey + " or " + inlineKey + ", not both");
        }
        if (file == null && inline == null) {
            throw new WebConfigException(K + fileKey + ": missing (or " + inlineKey + " inline)");
        }
        if (file != null && file.isBlank()) {
            throw new WebConfigException(K + fileKey + ": empty");
        }
        return file == null ? null : dir.resolve(file);
    }

    private static List<X509Certificate> clientCas(WebConfigFile.RawTls raw, Path dir) throws WebConfigException {
        if (raw.clientCaFile() == null && raw.clientCa() == null) {
            return List.of();
        }
        String key = raw.clientCaFile() != null ? "client_ca_file" : "client_ca";
        String text = raw.clientCa();
        Path file = raw.clientCaFile() == null ? null : dir.resolve(raw.clientCaFile());
        if (file != null) {
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException e) {
                throw new WebConfigException(K + key + ": cannot read " + file + " ("
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName()) + ")");
            }
        }
        try {
            return Pem.certificates(text);
        } catch (CertificateException e) {
            throw new WebConfigException(K + key + ": " + (file != null ? file + ": " : "") + "not a PEM certificate ("
                    + e.getMessage() + ")");
        }
    }

    private static String version(String value, String key, String fallback) throws WebConfigException {
        String name = value == null ? fallback : value;
        if (name.equals("TLS10") || name.equals("TLS11")) {
            throw new WebConfigException(K + key + ": " + name + " is too weak (deprecated by RFC 8996): use TLS12 or TLS13");
        }
        String jdk = VERSIONS.get(name);
        if (jdk == null) {
            throw new WebConfigException(K + key + ": unknown TLS version " + quote(name) + ": use TLS12 or TLS13");
        }
        return jdk;
    }

    private static List<String> cipherSuites(List<String> names) throws WebConfigException {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        Set<String> supported;
        try {
            supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
        List<String> suites = new ArrayList<>();
        for (String name : names) {
            if (!GO_SECURE_SUITES.contains(name)) {
                throw new WebConfigException(K + "cipher_suites: unknown cipher " + quote(name));
            }
            if (!supported.contains(name)) {
                throw new WebConfigException(K + "cipher_suites: " + name + " is not supported by this JDK");
            }
            suites.add(name);
        }
        return suites;
    }

    private static String quote(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
