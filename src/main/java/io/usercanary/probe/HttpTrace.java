package io.usercanary.probe;

import java.time.Duration;

/** One HTTP call as the trace shows it: no query string, and a body excerpt with every secret redacted. */
public record HttpTrace(String method, String path, int status, Duration duration, String bodyExcerpt) {}
