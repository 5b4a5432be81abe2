package io.usercanary.probe;

import io.usercanary.config.AccountConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A round: every account run once by a {@link Probe}, concurrently on a bounded pool, results in config order. */
public final class CanaryRound {
    private CanaryRound() {}

    public static List<RunResult> runAll(Probe probe, List<AccountConfig> accounts, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, accounts.size())), runnable -> {
            Thread thread = new Thread(runnable, "usercanary-flow");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (AccountConfig account : accounts) {
                futures.add(pool.submit(() -> probe.run(account)));
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<RunResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the canary round", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a probe threw; it must not", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
