package io.usercanary.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usercanary.webconfig.WebConfigException;
import io.usercanary.webconfig.WebConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link WebServer} under test with a registry of its own: a test's field, {@link #close()}d after each test
 * (also when none was started). {@link #tls} writes the web config most tests serve.
 */
public final class ServedWeb implements AutoCloseable {
    public final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private WebServer server;

    /** Serves {@code options} in front of {@code control}; the one server this fixture closes. */
    public WebServer start(WebOptions options, DaemonControl control) throws IOException {
        server = WebServer.start(options, registry, control);
        return server;
    }

    /** Plain HTTP on a free loopback port. */
    public WebServer start(DaemonControl control) throws IOException {
        return start(WebOptions.plain("127.0.0.1", 0), control);
    }

    /** Behind the web config {@code file} (TLS, basic auth, ...), on a free loopback port. */
    public WebServer start(Path file, DaemonControl control) throws IOException, WebConfigException {
        return start(WebOptions.plain("127.0.0.1", 0).withSecurity(WebConfigFile.load(file)), control);
    }

    /**
     * Writes {@code dir/web.yml}: TLS with the {@code server.crt}/{@code server.key} of {@code TestCertificates},
     * {@code tlsExtra} lines under {@code tls_server_config}, then {@code rest} (basic_auth_users, headers...).
     */
    public static Path tls(Path dir, String tlsExtra, String rest) throws IOException {
        return Files.writeString(dir.resolve("web.yml"), tlsConfig(tlsExtra) + rest);
    }

    /** The {@code tls_server_config} block with the test certificates and {@code extra} lines under it. */
    public static String tlsConfig(String extra) {
        return "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + extra;
    }

    public WebServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        registry.close();
    }
}
