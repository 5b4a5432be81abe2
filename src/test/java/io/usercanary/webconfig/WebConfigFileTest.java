package io.usercanary.webconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The web config file: every rejected fixture with its exact one-line message, and what a valid one means. */
class WebConfigFileTest {
    @TempDir
    static Path dir;
    static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(dir);
        certificates.server("other", "another server");
        Process encrypt = new ProcessBuilder("openssl", "pkey", "-in", "server.key", "-aes256", "-passout", "pass:x",
                "-out", "encrypted.key").directory(dir.toFile()).redirectErrorStream(true).start();
        assertEquals(0, encrypt.waitFor());
        Files.createDirectories(dir.resolve("a-directory"));
    }

    static Path fixture(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(WebConfigFileTest.class.getResourceAsStream("/webconfig/" + name), name)) {
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid-unknown-key.yml                        | FILE:4: tls_server_config.certfile: unknown key
            invalid-unknown-top-level-key.yml              | FILE:1: basic_auth: unknown key
            invalid-password-not-bcrypt.yml                | FILE: basic_auth_users.prometheus: not a bcrypt hash (make one with: htpasswd -nBC 10 prometheus)
            invalid-apr1-hash.yml                          | FILE: basic_auth_users.prometheus: not a bcrypt hash (make one with: htpasswd -nBC 10 prometheus)
            invalid-bcrypt-cost-too-high.yml               | FILE: basic_auth_users.prometheus: not a bcrypt hash (make one with: htpasswd -nBC 10 prometheus)
            invalid-users-not-a-mapping.yml                | FILE:2: basic_auth_users: wrong type: expected a mapping
            invalid-missing-cert-file.yml                  | FILE: tls_server_config.cert_file: cannot read DIR/missing.crt (no such file)
            invalid-unreadable-cert-file.yml               | FILE: tls_server_config.cert_file: cannot read DIR/a-directory (IOException)
            invalid-cert-file-holds-a-key.yml              | FILE: tls_server_config.cert_file: DIR/server.key: not a PEM certificate (no PEM CERTIFICATE block)
            invalid-key-file-missing.yml                   | FILE: tls_server_config.key_file: missing (or key inline)
            invalid-key-not-matching-cert.yml              | FILE: tls_server_config.key_file: the private key does not match the certificate in DIR/server.crt
            invalid-key-encrypted.yml                      | FILE: tls_server_config.key_file: DIR/encrypted.key: the key is encrypted: give an unencrypted key
            invalid-min-version-tls10.yml                  | FILE: tls_server_config.min_version: TLS10 is too weak (deprecated by RFC 8996): use TLS12 or TLS13
            invalid-min-version-tls11.yml                  | FILE: tls_server_config.min_version: TLS11 is too weak (deprecated by RFC 8996): use TLS12 or TLS13
            invalid-min-version-unknown.yml                | FILE: tls_server_config.min_version: unknown TLS version "SSL30": use TLS12 or TLS13
            invalid-max-version-below-min.yml              | FILE: tls_server_config.max_version: TLS12 is below min_version TLS13
            invalid-client-auth-type.yml                   | FILE: tls_server_config.client_auth_type: unknown value: use NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven or RequireAndVerifyClientCert
            invalid-verify-without-client-ca.yml           | FILE: tls_server_config.client_ca_file: client_auth_type RequireAndVerifyClientCert needs the CA to verify client certificates with
            invalid-client-ca-without-client-auth.yml      | FILE: tls_server_config.client_ca_file: client CAs are configured without a client_auth_type
            invalid-allowed-sans-without-required-cert.yml | FILE: tls_server_config.client_allowed_sans: needs client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert
            invalid-cipher-suite.yml                       | FILE: tls_server_config.cipher_suites: unknown cipher "TLS_RSA_WITH_RC4_128_SHA"
            invalid-curve-preferences.yml                  | FILE: tls_server_config.curve_preferences: Java 17 cannot choose key-exchange groups per server; remove it and start the JVM with -Djdk.tls.namedGroups=x25519,secp256r1 (names as the JDK spells them)
            invalid-header-not-allowed.yml                 | FILE: http_server_config.headers.Server: this header cannot be configured: use one of Content-Security-Policy, Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection
            invalid-header-value.yml                       | FILE: http_server_config.headers.X-Frame-Options: expected one of deny, sameorigin
            invalid-duplicate-key.yml                      | FILE:3: basic_auth_users.prometheus: duplicate key
            invalid-rate-limit-interval.yml                | FILE: rate_limit.interval: not a duration (like 1s or 100ms): soon
            invalid-http2-not-boolean.yml                  | FILE:2: http_server_config.http2: expected true or false
            """)
    void anUnusableWebConfigIsOneLineNamingTheFileAndKey(String name, String expected) throws Exception {
        Path file = fixture(name);
        WebConfigException e = assertThrows(WebConfigException.class, () -> WebConfigFile.load(file));
        assertEquals(expected.replace("FILE", file.toString()).replace("DIR", dir.toAbsolutePath().toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(e.getMessage().contains("hunter2"), "a mistaken plain password is never echoed");
    }

    @Test
    void everyToolkitKeyIsUnderstoodWithPathsRelativeToTheFile() throws Exception {
        certificates.client("prometheus");
        WebConfig config = WebConfigFile.load(fixture("valid-everything.yml"));
        TlsServerConfig tls = config.tls().orElseThrow();
        assertEquals(ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT, tls.clientAuth());
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), tls.protocols());
        assertEquals(List.of("prometheus"), tls.clientAllowedSans());
        assertEquals(dir.resolve("server.crt").toAbsolutePath(), tls.certFile().orElseThrow());
        assertEquals("sameorigin", config.headers().get("X-Frame-Options"));
        assertEquals(new WebConfig.RateLimit(100, Duration.ofMillis(100)), config.rateLimit().orElseThrow());
        assertTrue(config.basicAuth().enabled());
        assertEquals("https", config.scheme());
    }

    @Test
    void defaultsAreTheToolkitsTls12To13WithoutClientCertificates() throws Exception {
        Path file = Files.writeString(dir.resolve("defaults.yml"), "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
        TlsServerConfig tls = WebConfigFile.load(file).tls().orElseThrow();
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), tls.protocols());
        assertEquals(ClientAuth.NO_CLIENT_CERT, tls.clientAuth());
        assertTrue(tls.cipherSuites().isEmpty());
    }

    @Test
    void anEmptyFileOrOneWithoutCertificatesIsPlainHttpAndOpen() throws Exception {
        for (String text : List.of("", "http_server_config:\n  headers:\n    X-XSS-Protection: \"0\"\n", "tls_server_config: {}\n")) {
            WebConfig config = WebConfigFile.load(Files.writeString(dir.resolve("plain.yml"), text));
            assertTrue(config.tls().isEmpty(), text);
            assertFalse(config.basicAuth().enabled(), text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PKCS#8 EC, server.key", "SEC1 EC, sec1.key", "PKCS#1 RSA, pkcs1.key", "PKCS#8 RSA, rsa.key"})
    void keysAreReadInEveryCommonPemForm(String form, String key) throws Exception {
        certificates.selfSignedRsa("rsa");
        certificates.traditional("server.key", "sec1.key");
        certificates.traditional("rsa.key", "pkcs1.key");
        String header = Files.readString(dir.resolve(key), StandardCharsets.US_ASCII).lines().findFirst().orElseThrow();
        assertEquals(form.startsWith("PKCS#8") ? "-----BEGIN PRIVATE KEY-----" : form.startsWith("SEC1")
                ? "-----BEGIN EC PRIVATE KEY-----" : "-----BEGIN RSA PRIVATE KEY-----", header);
        String cert = key.equals("server.key") || key.equals("sec1.key") ? "server.crt" : "rsa.crt";
        Path file = Files.writeString(dir.resolve("forms.yml"), "tls_server_config:\n  cert_file: " + cert + "\n  key_file: " + key + "\n");
        WebConfigFile.load(file).tls().orElseThrow().start();
    }

    @Test
    void inlineCertificateAndKeyWork() throws Exception {
        String cert = Files.readString(dir.resolve("server.crt"));
        String key = Files.readString(dir.resolve("server.key"));
        Path file = Files.writeString(dir.resolve("inline.yml"), "tls_server_config:\n  cert: |\n"
                + cert.indent(4) + "  key: |\n" + key.indent(4));
        TlsServerConfig tls = WebConfigFile.load(file).tls().orElseThrow();
        assertTrue(tls.certFile().isEmpty());
        tls.start();
    }
}
