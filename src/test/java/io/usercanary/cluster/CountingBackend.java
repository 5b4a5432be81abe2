package io.usercanary.cluster;

import io.usercanary.testing.FakeProduction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** {@link FakeProduction} that records when each account signed in: one sign-in is one run of that account. */
final class CountingBackend extends Dispatcher {
    private static final Pattern EMAIL = Pattern.compile("\"email\"\\s*:\\s*\"canary-([a-z0-9-]+)@example.com\"");

    private final FakeProduction production = new FakeProduction();
    private final Map<String, List<Instant>> runs = new ConcurrentHashMap<>();
    private volatile long dashboardDelayMillis;

    /** Dashboards answer after {@code delay}, so a replica always has runs in flight (the hard case for failover). */
    CountingBackend slowDashboards(java.time.Duration delay) {
        dashboardDelayMillis = delay.toMillis();
        return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals(FakeProduction.SIGN_IN) && request.getBody() != null) {
            Matcher m = EMAIL.matcher(request.getBody().utf8());
            if (m.find()) {
                runs.computeIfAbsent(m.group(1), a -> new ArrayList<>());
                List<Instant> times = runs.get(m.group(1));
                synchronized (times) {
                    times.add(Instant.now());
                }
            }
        }
        if (request.getUrl().encodedPath().equals(FakeProduction.DASHBOARD) && dashboardDelayMillis > 0) {
            try {
                Thread.sleep(dashboardDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return production.dispatch(request);
    }

    /** When {@code account}'s runs started (its sign-ins), oldest first. */
    List<Instant> runs(String account) {
        List<Instant> times = runs.getOrDefault(account, List.of());
        synchronized (times) {
            return List.copyOf(times);
        }
    }

    /** How many runs of {@code account} started in [from, to). */
    long runsBetween(String account, Instant from, Instant to) {
        return runs(account).stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
    }

    /** The first run of {@code account} at or after {@code from}, if any. */
    java.util.Optional<Instant> firstRunAfter(String account, Instant from) {
        return runs(account).stream().filter(t -> !t.isBefore(from)).findFirst();
    }
}
