package io.usercanary.web;

import io.usercanary.config.CanaryConfig;
import io.usercanary.schedule.DaemonConfigs;
import io.usercanary.store.ResultStore;
import io.usercanary.store.RunHistory;
import java.util.List;

/**
 * A hand-written daemon behind a {@link WebServer}: answers what the test sets, over the config and store it was
 * given; {@code failure} makes every answer throw. Healthy, not ready and reloading by default.
 */
public final class FakeControl implements DaemonControl {
    public volatile Answer health = new Answer(true, "healthy");
    public volatile Answer readiness = new Answer(false, "waiting for the first round: 2 of 2 accounts have not run yet");
    public volatile Answer reload = new Answer(true, "reloaded");
    public volatile RuntimeException failure;
    public final CanaryConfig config;
    public final ResultStore history;
    public int reloads;

    /** One account {@code a}, every 60 s, and an empty store. */
    public FakeControl() {
        this(DaemonConfigs.offline(List.of("a"), "{ interval: 60s }"), new RunHistory(10, 5));
    }

    public FakeControl(CanaryConfig config, ResultStore history) {
        this.config = config;
        this.history = history;
    }

    /** Ready, as after the first round. */
    public FakeControl ready() {
        readiness = new Answer(true, "ready");
        return this;
    }

    @Override
    public Answer health() {
        return answer(health);
    }

    @Override
    public Answer readiness() {
        return answer(readiness);
    }

    @Override
    public Answer reload() {
        reloads++;
        return answer(reload);
    }

    @Override
    public CanaryConfig config() {
        return config;
    }

    @Override
    public ResultStore history() {
        return history;
    }

    private Answer answer(Answer answer) {
        if (failure != null) {
            throw failure;
        }
        return answer;
    }
}
