package io.usercanary.schedule;

import io.usercanary.config.AccountConfig;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.Probe;
import io.usercanary.probe.RunResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A probe that answers ok at once and records every call; an account can be made to block until released
 * or to run a behaviour first (throw, sleep). Records the largest number of concurrent runs per account.
 */
public final class FakeProbe implements Probe {
    /** One call: the account and when it started and ended (nanoTime). */
    public record Call(String account, long startNanos, long endNanos) {}

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxConcurrent = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Integer>> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** Runs of {@code account} block until {@link #release} is called. */
    public FakeProbe block(String account) {
        gates.put(account, new CountDownLatch(1));
        return this;
    }

    public void release(String account) {
        gates.remove(account).countDown();
    }

    /** Runs {@code behaviour} with the call's 1-based number before answering for {@code account}. */
    public FakeProbe before(String account, Consumer<Integer> behaviour) {
        behaviours.put(account, behaviour);
        return this;
    }

    @Override
    public RunResult run(AccountConfig account) {
        String name = account.name();
        long start = System.nanoTime();
        Instant started = Instant.now();
        int now = running.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        maxConcurrent.merge(name, now, Math::max);
        try {
            int number = counts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            Consumer<Integer> behaviour = behaviours.get(name);
            if (behaviour != null) {
                behaviour.accept(number);
            }
            CountDownLatch gate = gates.get(name);
            if (gate != null) {
                gate.await(30, TimeUnit.SECONDS);
            }
            return ok(name, started, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ok(name, started, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            running.get(name).decrementAndGet();
            synchronized (calls) {
                calls.add(new Call(name, start, System.nanoTime()));
            }
        }
    }

    public List<Call> calls(String account) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.account().equals(account)).toList();
        }
    }

    public int count(String account) {
        AtomicInteger count = counts.get(account);
        return count == null ? 0 : count.get();
    }

    public int maxConcurrent(String account) {
        return maxConcurrent.getOrDefault(account, 0);
    }

    static RunResult ok(String account, Instant started, Duration took) {
        return new RunResult(FlowRunner.nextRunId(), account, "established", Optional.of(400L * 86_400), started, took,
                Outcome.OK, "", List.of(), List.of(), Optional.empty(), "password");
    }
}
