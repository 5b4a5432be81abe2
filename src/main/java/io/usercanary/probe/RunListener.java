package io.usercanary.probe;

/** Told of every finished run: metrics, the run history, the run log. Must not throw; called from flow threads. */
@FunctionalInterface
public interface RunListener {
    void onRun(RunResult result);
}
