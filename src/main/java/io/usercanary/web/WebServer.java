package io.usercanary.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usercanary.webconfig.ServerTls;
import io.usercanary.webconfig.TlsServerConfig;
import io.usercanary.webconfig.WebConfigException;
import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The daemon's HTTP side on Jetty (core, no servlets): the {@link Endpoints}, plain or TLS-only per the web config.
 * Jetty rather than the JDK's HttpServer because on Java 17 the latter reads request headers on its few
 * handler threads, blocking, and has no connection cap: 500 clients dribbling headers blinded {@code /metrics}.
 * Here a slow client holds no thread (NIO), headers are capped at 8 KiB, connections at
 * {@link WebOptions#maxConnections()}, and {@link ConnectionGuard} closes those whose headers are late.
 */
public final class WebServer implements AutoCloseable {
    private static final int HEADER_BYTES = 8 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionGuard guard;
    private final ServerTls tls;

    private WebServer(Server server, ServerConnector connector, ConnectionGuard guard, ServerTls tls) {
        this.server = server;
        this.connector = connector;
        this.guard = guard;
        this.tls = tls;
    }

    /** Plain HTTP, open, reload allowed, on {@code bind:port} (0: any free port, see {@link #port()}). */
    public static WebServer start(String bind, int port, PrometheusMeterRegistry registry, DaemonControl control)
            throws IOException {
        return start(WebOptions.plain(bind, port), registry, control);
    }

    /**
     * Listens as {@code options} say and serves until closed. A port in use is an IOException whose message
     * names {@link WebOptions#portKey()}; a certificate that cannot be used now is one naming its key.
     */
    public static WebServer start(WebOptions options, PrometheusMeterRegistry registry, DaemonControl control)
            throws IOException {
        Server server = new Server(threads());
        server.setStopTimeout(2000);
        HttpConnectionFactory http11 = new HttpConnectionFactory(httpConfiguration());
        ServerTls tls = null;
        ServerConnector connector;
        if (options.security().tls().isPresent()) {
            try {
                tls = options.security().tls().get().start();
            } catch (WebConfigException e) {
                throw new IOException(options.security().file().map(f -> f + ": ").orElse("") + e.getMessage(), e);
            }
            SslConnectionFactory ssl = new SslConnectionFactory(sslContextFactory(tls), http11.getProtocol());
            connector = new ServerConnector(server, 1, 1, ssl, http11);
        } else {
            connector = new ServerConnector(server, 1, 1, http11);
        }
        connector.setHost(options.bind());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(options.maxConnections(), connector));
        server.setHandler(new Endpoints(registry, control, options.security(), options.lifecycle()));
        server.setErrorHandler(Endpoints.errors(options.security().headers()));
        ConnectionGuard guard = new ConnectionGuard(connector, options.headerTimeout(), options.maxConnections());
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw bindFailure(options, e);
        }
        guard.start();
        return new WebServer(server, connector, guard, tls);
    }

    /**
     * Builds, without starting, a server shaped like {@link #start}'s, so Jetty's classes are loaded and their
     * static set-up has run: a command calls it on a warm-up thread while its main thread reads the config.
     */
    public static void warmUp() {
        Server server = new Server(threads());
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(httpConfiguration()));
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(1, connector));
    }

    private static QueuedThreadPool threads() {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2, 60_000);
        threads.setName("usercanary-http");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        return threads;
    }

    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(HEADER_BYTES);
        http.setResponseHeaderSize(HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setHttpCompliance(HttpCompliance.RFC9110);
        return http;
    }

    private static SslContextFactory.Server sslContextFactory(ServerTls tls) {
        TlsServerConfig config = tls.config();
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(tls.context());
        factory.setIncludeProtocols(config.protocols().toArray(new String[0]));
        if (!config.cipherSuites().isEmpty()) {
            // As in Go, the list restricts TLS 1.2 only; TLS 1.3's suites stay on.
            List<String> suites = new ArrayList<>(config.cipherSuites());
            Arrays.stream(tls.context().getDefaultSSLParameters().getCipherSuites())
                    .filter(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_"))
                    .filter(s -> !suites.contains(s)).forEach(suites::add);
            factory.setIncludeCipherSuites(suites.toArray(new String[0]));
            factory.setExcludeCipherSuites();
        }
        factory.setUseCipherSuitesOrder(config.preferServerCipherSuites());
        factory.setNeedClientAuth(config.clientAuth().needs());
        factory.setWantClientAuth(config.clientAuth().wants());
        factory.setRenegotiationAllowed(false);
        factory.setSniRequired(false);
        return factory;
    }

    private static IOException bindFailure(WebOptions options, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                String what = bind.getMessage() != null && bind.getMessage().toLowerCase().contains("in use")
                        ? "address already in use (another process has " + options.portKey() + " " + options.port()
                        + "; choose another " + options.portKey() + ")" : bind.getMessage();
                return new IOException(what, e);
            }
        }
        return e instanceof IOException io ? io : new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    /** {@code https} when the web config sets up TLS, else {@code http}. */
    public String scheme() {
        return tls != null ? "https" : "http";
    }

    /** The port actually listened on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Makes the next TLS handshake look at the certificate files now (they are also looked at once a second). */
    public void checkCertificateNow() {
        if (tls != null) {
            tls.checkCertificateNow();
        }
    }

    @Override
    public void close() {
        guard.close();
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping: nothing left to serve
        }
    }
}
