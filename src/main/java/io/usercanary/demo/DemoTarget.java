package io.usercanary.demo;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole demo target on loopback ports: the Firebase-compatible auth endpoint, the sample
 * backend, the four seeded accounts and the incident timeline, plus the config the monitor should
 * run with. Close it to stop both servers.
 */
public final class DemoTarget implements AutoCloseable {
    private static final long TICK_MILLIS = 250;

    private final DemoAccounts accounts;
    private final IncidentTimeline timeline;
    private final DemoFirebaseAuth auth;
    private final DemoBackend backend;
    private final ScheduledExecutorService ticker;

    private DemoTarget(DemoAccounts accounts, IncidentTimeline timeline, DemoFirebaseAuth auth, DemoBackend backend) {
        this.accounts = accounts;
        this.timeline = timeline;
        this.auth = auth;
        this.backend = backend;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-timeline");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The default story (incident at 90 s, recovery at 300 s) on the system clock, narrated to the log. */
    public static DemoTarget start() throws IOException {
        return start(Clock.systemUTC(), TimelineOptions.defaults());
    }

    /** Narrated to the {@code io.usercanary.demo} logger. */
    public static DemoTarget start(Clock clock, TimelineOptions options) throws IOException {
        return start(clock, options, TimelineNarrator.toLog());
    }

    /**
     * Seeds the accounts relative to {@code clock}'s now, starts both servers on {@code 127.0.0.1:0}
     * and the timeline, and tells {@code narration} the opening line and every change as it happens.
     */
    public static DemoTarget start(Clock clock, TimelineOptions options, Consumer<String> narration) throws IOException {
        return start(clock, options, narration, TransientFault.NONE);
    }

    /** The same, with a single transient 502 per account at the fault's time. */
    public static DemoTarget start(Clock clock, TimelineOptions options, Consumer<String> narration, TransientFault fault)
            throws IOException {
        SecureRandom random = new SecureRandom();
        DemoAccounts accounts = DemoAccounts.seed(clock.instant(), random);
        TimelineNarrator narrator = new TimelineNarrator(accounts, clock.instant(), narration);
        IncidentTimeline timeline = new IncidentTimeline(clock, options, narrator);
        DemoIdTokens idTokens = new DemoIdTokens(clock, random);
        DemoFirebaseAuth auth = DemoFirebaseAuth.start(accounts, idTokens, clock, random);
        DemoBackend backend;
        try {
            backend = DemoBackend.start(accounts, idTokens, timeline::database, clock, random, fault);
        } catch (IOException | RuntimeException e) {
            auth.close();
            throw e;
        }
        DemoTarget target = new DemoTarget(accounts, timeline, auth, backend);
        narrator.started(options);
        // Changes are told when first noticed; the ticker notices them even while nothing probes.
        target.ticker.scheduleAtFixedRate(timeline::phase, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return target;
    }

    /** {@code 127.0.0.1:PORT} of the Firebase-compatible endpoint: the config's {@code firebase.emulatorHost}. */
    public String emulatorHost() {
        return auth.emulatorHost();
    }

    public int firebasePort() {
        return auth.port();
    }

    /** {@code http://127.0.0.1:PORT}: the config's {@code backend.baseUrl}. */
    public String backendBaseUrl() {
        return backend.baseUrl();
    }

    public int backendPort() {
        return backend.port();
    }

    public DemoAccounts accounts() {
        return accounts;
    }

    public IncidentTimeline timeline() {
        return timeline;
    }

    /** The environment the rendered config needs: none, its throwaway passwords are written in it. */
    public Map<String, String> environment() {
        return Map.of();
    }

    /** The monitor's config for this target with default options (port 9464, every 10 s). */
    public String renderConfig() {
        return renderConfig(DemoConfig.Options.defaults());
    }

    public String renderConfig(DemoConfig.Options options) {
        return DemoConfig.render(emulatorHost(), backendBaseUrl(), accounts.all(), options);
    }

    /** Stops the ticker and both servers at once. Idempotent. */
    @Override
    public void close() {
        ticker.shutdownNow();
        backend.close();
        auth.close();
    }
}
