package io.usercanary.probe;

import io.usercanary.check.Detail;
import java.time.Duration;

/** One HTTP call as the trace shows it: no query string, and a body excerpt, redacted, of at most {@link #EXCERPT_CHARS}. */
public record HttpTrace(String method, String path, int status, Duration duration, String bodyExcerpt) {
    public static final int EXCERPT_CHARS = 2048;

    public HttpTrace {
        path = Detail.clip(path);
        bodyExcerpt = bodyExcerpt == null ? "" : Detail.clip(bodyExcerpt, EXCERPT_CHARS + 1);
    }
}
