package io.usercanary.schedule;

import io.usercanary.probe.RunListener;
import io.usercanary.probe.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One log line per run: account, cohort, outcome, milliseconds and the (already secret-free) detail, also as
 * key-value pairs so the JSON log format carries them as fields. Failures are logged as warnings.
 */
public final class RunLog implements RunListener {
    /** The logger name log collectors can filter run lines on. */
    public static final String LOGGER = "io.usercanary.run";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void onRun(RunResult result) {
        long millis = result.duration().toMillis();
        String detail = result.detail();
        LOG.atLevel(result.passed() ? Level.INFO : Level.WARN)
                .addKeyValue("account", result.account())
                .addKeyValue("cohort", result.cohort())
                .addKeyValue("outcome", result.outcome().label())
                .addKeyValue("durationMs", millis)
                .addKeyValue("detail", detail)
                .addKeyValue("runId", result.id())
                .log("run account={} cohort={} outcome={} ms={}{}", result.account(), result.cohort(),
                        result.outcome().label(), millis, detail.isEmpty() ? "" : " detail=" + detail);
    }
}
