package io.usercanary.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** {@code /metrics}: OpenMetrics when the Accept header asks for it, else Prometheus text 0.0.4. */
final class MetricsEndpoint {
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** A scrape: body and its Content-Type, which Prometheus 3 requires to be set. */
    record Scrape(byte[] body, String contentType) {}

    private final PrometheusMeterRegistry registry;

    MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    Scrape scrape(String accept) throws IOException {
        // Only the two text formats: protobuf (which Prometheus may also offer) is not one we serve.
        boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
        String contentType = openMetrics ? OPENMETRICS : TEXT;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        registry.scrape(out, contentType);
        return new Scrape(out.toByteArray(), contentType);
    }
}
