package io.usercanary.web;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused logins at most once per {@code every} seconds, counting the rest, so a guessing client cannot
 * fill the log. A line names a configured user only, never what was typed as a password or an unknown name
 * (which may be a password typed into the wrong field). Thread-safe.
 */
final class LoginFailures {
    private static final Logger LOG = LoggerFactory.getLogger(LoginFailures.class);
    private static final long EVERY_NANOS = 10_000_000_000L;

    private long lastLogged = System.nanoTime() - EVERY_NANOS;
    private long suppressed;

    synchronized void refused(Optional<String> knownUser, boolean sentCredentials, String remote) {
        long now = System.nanoTime();
        if (now - lastLogged < EVERY_NANOS) {
            suppressed++;
            return;
        }
        String who = !sentCredentials ? "no credentials" : knownUser.map(u -> "user \"" + u + "\" with a wrong password")
                .orElse("an unknown user");
        LOG.warn("web: refused a request from {}: {}{}", remote, who,
                suppressed == 0 ? "" : " (" + suppressed + " more refused since the last line)");
        lastLogged = now;
        suppressed = 0;
    }
}
