package io.usercanary.web;

import io.usercanary.webconfig.WebConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP side listens: address and port ({@code portKey} names where the port came from, for the
 * "already in use" line), the web config (TLS, basic auth), whether {@code POST /-/reload} is allowed, and the
 * limits that keep slow or idle clients from blinding it.
 */
public record WebOptions(
        String bind,
        int port,
        String portKey,
        WebConfig security,
        boolean lifecycle,
        int maxConnections,
        Duration headerTimeout,
        Duration idleTimeout) {

    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public WebOptions {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(portKey, "portKey");
        Objects.requireNonNull(security, "security");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(portKey + ": " + port + " is not a TCP port");
        }
        if (maxConnections < 8) {
            throw new IllegalArgumentException("maxConnections must be at least 8");
        }
    }

    /** Plain HTTP, open, reload allowed: how the daemon served before {@code --web.config.file} existed. */
    public static WebOptions plain(String bind, int port) {
        return new WebOptions(bind, port, "server.port", WebConfig.NONE, true, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    }

    public WebOptions withSecurity(WebConfig config) {
        return new WebOptions(bind, port, portKey, config, lifecycle, maxConnections, headerTimeout, idleTimeout);
    }

    public WebOptions withLifecycle(boolean enabled) {
        return new WebOptions(bind, port, portKey, security, enabled, maxConnections, headerTimeout, idleTimeout);
    }

    public WebOptions withPortKey(String key) {
        return new WebOptions(bind, port, key, security, lifecycle, maxConnections, headerTimeout, idleTimeout);
    }

    public WebOptions withLimits(int connections, Duration header, Duration idle) {
        return new WebOptions(bind, port, portKey, security, lifecycle, connections, header, idle);
    }
}
