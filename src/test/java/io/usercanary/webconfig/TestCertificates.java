package io.usercanary.webconfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away certificates for tests, made at test time with openssl in a temporary directory: a CA, server
 * certificates for 127.0.0.1/localhost signed by it, and client certificates. No private key is committed.
 */
public final class TestCertificates {
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A CA ({@code ca.crt}, {@code ca.key}) and a server pair {@code server.crt}/{@code server.key} (EC P-256, PKCS#8). */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        TestCertificates certificates = new TestCertificates(dir);
        certificates.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=usercanary test CA");
        certificates.server("server", "usercanary test server");
        return certificates;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** {@code NAME.crt} and {@code NAME.key} for localhost and 127.0.0.1, signed by the CA; {@code cn} tells them apart. */
    public void server(String name, String cn) throws IOException, InterruptedException {
        issue(name, cn, "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n", "ec");
    }

    /** {@code NAME.crt} and {@code NAME.key}, a client certificate with the SAN {@code DNS:NAME}. */
    public void client(String name) throws IOException, InterruptedException {
        issue(name, name, "subjectAltName=DNS:" + name + "\nextendedKeyUsage=clientAuth\n", "ec");
    }

    /** A self-signed RSA pair {@code NAME.crt}/{@code NAME.key}, not from the CA. */
    public void selfSignedRsa(String name) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
                "-days", "2", "-subj", "/CN=" + name, "-addext", "subjectAltName=IP:127.0.0.1");
    }

    /** {@code TO} holds {@code FROM}'s key in the traditional form: PKCS#1 for RSA, SEC1 for EC. */
    public void traditional(String from, String to) throws IOException, InterruptedException {
        openssl("pkey", "-in", from, "-traditional", "-out", to);
    }

    private void issue(String name, String cn, String extensions, String algorithm) throws IOException, InterruptedException {
        Path ext = Files.writeString(dir.resolve(name + ".ext"), extensions, StandardCharsets.US_ASCII);
        List<String> request = new ArrayList<>(List.of("req", "-newkey", algorithm));
        if (algorithm.equals("ec")) {
            request.addAll(List.of("-pkeyopt", "ec_paramgen_curve:P-256"));
        }
        request.addAll(List.of("-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn));
        openssl(request.toArray(new String[0]));
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2", "-extfile", ext.toString());
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }
}
