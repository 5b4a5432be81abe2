package io.usercanary.web;

import io.usercanary.store.ResultStore;
import io.usercanary.config.CanaryConfig;

/** What the web server asks of the daemon behind it. Implementations are thread-safe and never throw. */
public interface DaemonControl {
    /** A yes or no with a one-line, secret-free message for the response body. */
    record Answer(boolean ok, String message) {}

    /** The process and its scheduler are alive. */
    Answer health();

    /** The config is loaded and every account has run at least once. */
    Answer readiness();

    /** Re-reads the config file; a refused config leaves the running one in place. */
    Answer reload();

    /** The config in use. */
    CanaryConfig config();

    /** The run results shown by the status page and {@code /runs/{id}}. */
    ResultStore history();
}
