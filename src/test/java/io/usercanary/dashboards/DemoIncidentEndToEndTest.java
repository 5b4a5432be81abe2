package io.usercanary.dashboards;

import static io.usercanary.dashboards.AlertWatch.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import io.usercanary.dashboards.DashboardQueries.Query;
import io.usercanary.dashboards.PrometheusServer.Alert;
import io.usercanary.demo.TimelineOptions;
import io.usercanary.schedule.RunLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The demo's incident end to end: the real daemon probes the demo target every 2 s, a real Prometheus scrapes
 * it every second and evaluates the shipped {@code dashboards/alerts.yml} every second. The backend turns to
 * the half-cloned database 15 s in and is fixed 75 s in. The tests follow that timeline in order, each
 * waiting for its own moment: nothing fires while healthy, EmptyDashboards and CohortDivergence fire for the
 * two middle cohorts only (time to detect printed), every dashboard query returns data, and recovery
 * resolves divergence within seconds and EmptyDashboards once its failed runs leave the 5-minute window.
 *
 * <p>About 6½ minutes, most of it waiting for that window: the shipped rules' own arithmetic, kept as is
 * rather than tested on a shortened copy.
 */
@Tag("component")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIncidentEndToEndTest {
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration INCIDENT_AT = Duration.ofSeconds(15);
    private static final Duration RECOVER_AT = Duration.ofSeconds(75);
    private static final Duration SCRAPE_AND_EVALUATION = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(250);
    /**
     * Expected about 20 s: two failed runs (2 s apart, the first within 2 s of the incident) + a scrape (1 s)
     * + an evaluation (1 s) to pending + {@code for: 15s} to firing. Generous for a loaded 2-core CI machine.
     */
    private static final Duration TTD_BOUND = Duration.ofSeconds(45);
    /** The next passing run sets usercanary_up to 1 (2 s), scraped (1 s) and evaluated (1 s). */
    private static final Duration DIVERGENCE_RESOLVES_WITHIN = Duration.ofSeconds(30);
    /** Fewer than two empty runs in increase(...[5m]): about 5 minutes after the last one. */
    private static final Duration EMPTY_RESOLVES_AFTER = Duration.ofMinutes(4);
    private static final Duration EMPTY_RESOLVES_WITHIN = Duration.ofSeconds(330);

    private static final String EMPTY = "UsercanaryEmptyDashboards";
    private static final String DIVERGENCE = "UsercanaryCohortDivergence";
    private static final List<String> FAILING = List.of("recent", "established");
    private static final Set<String> PASSING = Set.of("new", "veteran");
    /** Panels whose query cannot return data in a Prometheus minutes old, and what is checked instead. */
    private static final Map<String, String> CANNOT_HAVE_DATA = Map.of(
            "panel 'Item count change against 24 h earlier' A",
            "compares with the same series 24 h earlier (offset 1d): checked without the offset");

    private final Logger runLog = (Logger) LoggerFactory.getLogger(RunLog.LOGGER);
    private Level runLogLevel;
    private RunningDemo demo;
    private PrometheusServer prometheus;
    private AlertWatch watch;
    private Instant watchedFrom;

    @BeforeAll
    void startDemoPrometheusAndWatch() throws Exception {
        runLogLevel = runLog.getLevel();
        runLog.setLevel(Level.WARN); // a line per passing run every 2 s per account is noise here; failures still show
        demo = RunningDemo.start(INTERVAL, TimelineOptions.of(INCIDENT_AT, RECOVER_AT));
        prometheus = PrometheusServer.builder()
                .target(demo.hostPort())
                .ruleFile(DashboardQueries.alertsYml())
                .scrapeInterval(SCRAPE_AND_EVALUATION)
                .evaluationInterval(SCRAPE_AND_EVALUATION)
                .start();
        awaitScrapedAndEvaluated(Duration.ofSeconds(20));
        watchedFrom = Instant.now();
        watch = AlertWatch.start(prometheus, POLL);
    }

    @AfterAll
    @SuppressWarnings("try") // the resources are only closed, in reverse order: watch, Prometheus, demo
    void stopAll() {
        try (RunningDemo d = demo; PrometheusServer p = prometheus; AlertWatch w = watch) {
            // also after a failed @BeforeAll; a null resource is skipped
        } finally {
            runLog.setLevel(runLogLevel);
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHealthyCanaryRaisesNoAlertBeforeTheIncident() throws Exception {
        sleepUntil(demo.incidentStart());

        List<Alert> seen = watch.seenBetween(watchedFrom, demo.incidentStart());
        assertEquals(List.of(), seen, "alerts while every account passed");
        assertTrue(watch.observations().size() > 5, "too few polls of the healthy period: " + watch.observations().size());
    }

    @Test
    @Order(2)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void emptyDashboardsAndCohortDivergenceFireForTheTwoMiddleCohortsOnly() throws Exception {
        Instant deadline = demo.incidentStart().plus(TTD_BOUND);
        for (String name : List.of(EMPTY, DIVERGENCE)) {
            for (String cohort : FAILING) {
                Instant firing = watch.awaitSeen(alert(name, "firing", cohort), deadline, name + " firing for " + cohort);
                Instant pending = watch.firstSeen(alert(name, "pending", cohort)).orElse(firing);
                System.out.printf("time to detect %s{cohort=\"%s\"}: %.1f s to firing (pending after %.1f s)"
                                + " with 2 s probes, 1 s scrape and evaluation, for: 15s%n",
                        name, cohort, seconds(demo.incidentStart(), firing), seconds(demo.incidentStart(), pending));
            }
        }

        List<Alert> seen = watch.seenBetween(watchedFrom, Instant.now());
        Set<String> firing = new TreeSet<>();
        Set<String> other = new TreeSet<>();
        for (Alert a : seen) {
            String key = a.name() + "{cohort=" + a.labels().get("cohort") + "}";
            boolean expected = (a.name().equals(EMPTY) || a.name().equals(DIVERGENCE)) && FAILING.contains(a.labels().get("cohort"));
            (expected ? firing : other).add(key);
        }
        assertEquals(Set.of(), other, "alerts other than the incident's, or for the passing cohorts " + PASSING);
        assertEquals(4, firing.size(), firing.toString());
        Alert empty = seen.stream().filter(alert(EMPTY, "firing", "recent")).findFirst().orElseThrow();
        assertEquals(Map.of("alertname", EMPTY, "cohort", "recent", "environment", "demo", "location", "local",
                "outcome", "empty", "severity", "critical"), empty.labels());
    }

    @Test
    @Order(3)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyDashboardQueryReturnsDataDuringTheIncident() throws Exception {
        Instant deadline = demo.incidentStart().plus(TTD_BOUND);
        for (String cohort : FAILING) {
            watch.awaitSeen(alert(EMPTY, "firing", cohort), deadline, EMPTY + " firing for " + cohort);
            watch.awaitSeen(alert(DIVERGENCE, "firing", cohort), deadline, DIVERGENCE + " firing for " + cohort);
        }
        assertTrue(Instant.now().isBefore(demo.recovery()), "the incident is over before the panels could be checked");

        List<String> empty = new ArrayList<>();
        for (Query query : DashboardQueries.dashboard()) {
            String promql = query.rendered();
            JsonNode result = prometheus.query(promql); // throws when Prometheus refuses the expression
            String reason = CANNOT_HAVE_DATA.get(query.where());
            if (reason != null) {
                System.out.println("no data expected from " + query + ": " + reason);
                promql = promql.replace(" offset 1d", "");
                result = prometheus.query(promql);
            }
            if (result.isEmpty()) {
                empty.add(query + ": " + promql);
            }
        }
        assertEquals(List.of(), empty, "dashboard queries without data during the incident");
    }

    @Test
    @Order(4)
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void divergenceResolvesWithinSecondsOfRecoveryWhileEmptyDashboardsKeepsFiring() throws Exception {
        Predicate<Alert> divergence = a -> a.name().equals(DIVERGENCE);
        Instant resolved = watch.awaitGone(divergence, demo.recovery().plus(DIVERGENCE_RESOLVES_WITHIN),
                DIVERGENCE + " after recovery");

        System.out.printf("%s resolved %.1f s after recovery%n", DIVERGENCE, seconds(demo.recovery(), resolved));
        assertTrue(resolved.isAfter(demo.recovery()), DIVERGENCE + " resolved before the recovery, at " + resolved);
        for (String cohort : FAILING) {
            Instant lastFiring = watch.lastSeen(alert(EMPTY, "firing", cohort)).orElseThrow();
            assertFalse(lastFiring.isBefore(resolved.minus(POLL.multipliedBy(4))),
                    EMPTY + " for " + cohort + " stopped firing at " + lastFiring + ", before divergence resolved");
        }
    }

    @Test
    @Order(5)
    @Timeout(value = 7, unit = TimeUnit.MINUTES)
    void emptyDashboardsResolvesWhenItsFailedRunsLeaveTheFiveMinuteWindow() throws Exception {
        Predicate<Alert> empty = a -> a.name().equals(EMPTY);
        Instant resolved = watch.awaitGone(empty, demo.recovery().plus(EMPTY_RESOLVES_WITHIN), EMPTY + " after recovery");

        double after = seconds(demo.recovery(), resolved);
        System.out.printf("%s resolved %.1f s after recovery%n", EMPTY, after);
        assertTrue(after >= EMPTY_RESOLVES_AFTER.toSeconds(), EMPTY + " resolved only " + after
                + " s after recovery: the 5m window of increase() should hold it for about 5 minutes");
        assertEquals(List.of(), prometheus.alerts(), "alerts left after recovery");
    }

    private void awaitScrapedAndEvaluated(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // The evaluations before the first scrape saw no target at all: TargetMissing is pending until the
            // first evaluation after it. Watching starts from there.
            boolean up = !prometheus.query("up == 1").isEmpty();
            if (up && prometheus.alerts().stream().noneMatch(a -> a.name().equals("UsercanaryTargetMissing"))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus did not scrape the daemon and evaluate the rules: alerts " + prometheus.alerts()
                        + "\ntargets: " + prometheus.targets() + "\n" + prometheus.log());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static void sleepUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
