package io.usercanary.web;

import io.usercanary.config.CanaryConfig;
import java.time.Instant;

/** The status page at {@code /}: CONTRACT ONLY, implemented on the web branch. */
public final class StatusPage {
    private StatusPage() {}

    public static String render(CanaryConfig config, RunHistory history, Instant now) {
        throw new UnsupportedOperationException("implemented on the web branch");
    }
}
