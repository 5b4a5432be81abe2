package io.usercanary.web;

import io.usercanary.probe.RunResult;

/** One run's trace at {@code /runs/{id}}: CONTRACT ONLY, implemented on the web branch. */
public final class RunPage {
    private RunPage() {}

    public static String render(RunResult run) {
        throw new UnsupportedOperationException("implemented on the web branch");
    }
}
