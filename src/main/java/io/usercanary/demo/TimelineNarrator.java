package io.usercanary.demo;

import io.usercanary.config.Durations;
import io.usercanary.demo.IncidentTimeline.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Tells the demo's story as log lines ({@code demo: 00:01:30 backend redeployed …}). */
public final class TimelineNarrator implements IncidentTimeline.Listener {
    /** The logger every demo line goes to. */
    public static final String LOGGER = "io.usercanary.demo";

    private final DemoAccounts accounts;
    private final Instant reference;
    private final Consumer<String> sink;

    /**
     * @param reference the instant account ages are counted at (the start of the demo)
     * @param sink where lines go; {@link #toLog()} for the {@value #LOGGER} logger
     */
    public TimelineNarrator(DemoAccounts accounts, Instant reference, Consumer<String> sink) {
        this.accounts = accounts;
        this.reference = reference;
        this.sink = sink;
    }

    /** Info lines on the {@value #LOGGER} logger. */
    public static Consumer<String> toLog() {
        return LoggerFactory.getLogger(LOGGER)::info;
    }

    /** The opening line: what is served now and what is scheduled. */
    public void started(TimelineOptions options) {
        String plan = options.incident()
                ? "; at " + Durations.clock(options.incidentAt()) + " it will be redeployed with the wrong environment file,"
                        + " at " + Durations.clock(options.recoverAt()) + " fixed"
                : "; no incident scheduled";
        sink.accept("demo: " + Durations.clock(Duration.ZERO) + " backend serving " + DemoDatabase.PROD_MAIN.databaseName() + plan);
    }

    @Override
    public void entered(Phase phase, Duration at) {
        switch (phase) {
            case INCIDENT -> sink.accept("demo: " + Durations.clock(at)
                    + " backend redeployed with the wrong environment file: now serving the half-cloned database "
                    + DemoDatabase.HALF_CLONE.databaseName() + " (" + affected() + " will see empty dashboards)");
            case RECOVERED -> sink.accept("demo: " + Durations.clock(at)
                    + " backend redeployed with the right environment file: serving "
                    + DemoDatabase.PROD_MAIN.databaseName() + " again (every account sees its data)");
            case HEALTHY -> { } // the opening line covers it
        }
    }

    /** "accounts 2 months and 8 months old". */
    private String affected() {
        List<String> ages = accounts.all().stream()
                .filter(a -> !DemoDatabase.HALF_CLONE.holdsRowsFor(a.ageAt(reference)))
                .map(DemoAccount::ageLabel)
                .toList();
        if (ages.isEmpty()) {
            return "no account";
        }
        String joined = ages.size() == 1 ? ages.get(0)
                : ages.subList(0, ages.size() - 1).stream().collect(Collectors.joining(", "))
                        + " and " + ages.get(ages.size() - 1);
        return (ages.size() == 1 ? "the account " : "accounts ") + joined + " old";
    }
}
