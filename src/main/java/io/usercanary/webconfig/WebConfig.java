package io.usercanary.webconfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded {@code --web.config.file}: TLS if {@code tls_server_config} is set, basic auth if
 * {@code basic_auth_users} is, extra response headers, and the toolkit's optional request rate limit.
 * {@link #NONE} is no file: plain HTTP, open.
 */
public record WebConfig(
        Optional<Path> file,
        Optional<TlsServerConfig> tls,
        BasicAuth basicAuth,
        Map<String, String> headers,
        Optional<RateLimit> rateLimit) {

    public static final WebConfig NONE = new WebConfig(Optional.empty(), Optional.empty(), new BasicAuth(Map.of()),
            Map.of(), Optional.empty());

    public WebConfig {
        headers = Map.copyOf(headers);
    }

    /** {@code rate_limit}: at most {@code burst} requests at once, refilled one per {@code interval}; more get 429. */
    public record RateLimit(int burst, Duration interval) {}

    /** The URL scheme the port speaks. */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
