package io.usercanary.dashboards;

import static io.usercanary.dashboards.AlertWatch.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import io.usercanary.dashboards.DashboardQueries.Query;
import io.usercanary.dashboards.NotificationReceiver.Delivery;
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
 * The demo's incident end to end, through to the pages: the real daemon probes the demo target every 2 s, a
 * real Prometheus scrapes it every second and evaluates the shipped {@code dashboards/alerts.yml} every second,
 * a real Alertmanager runs the shipped {@code alertmanager.yml} and {@code usercanary.tmpl} (group timings
 * shortened to 1 s and 3 s, like the probe and scrape intervals; {@code scripts/measure-ttd} measures the
 * defaults) and delivers to receivers in this process. Each account's next dashboard request after 12 s fails
 * once (a transient), the backend turns to the half-cloned database 20 s in and is fixed 75 s in. The tests
 * follow that timeline in order: nothing fires and nothing is delivered while healthy (the transient
 * included), EmptyDashboards and CohortDivergence fire for the two middle cohorts only (time to detect
 * printed), exactly one page per affected cohort naming it, every dashboard query returns data, and recovery
 * resolves everything within seconds with one resolve notification per page. About 2 minutes.
 */
@Tag("component")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIncidentEndToEndTest {
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration INCIDENT_AT = Duration.ofSeconds(20);
    private static final Duration RECOVER_AT = Duration.ofSeconds(75);
    private static final Duration TRANSIENT_AT = Duration.ofSeconds(12);
    private static final Duration GROUP_WAIT = Duration.ofSeconds(1);
    private static final Duration GROUP_INTERVAL = Duration.ofSeconds(3);
    private static final Duration SCRAPE_AND_EVALUATION = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(250);
    /**
     * Expected about 6 s: two failed runs (2 s apart, the first within 2 s of the incident) + a scrape (1 s)
     * + an evaluation (1 s) to firing (no {@code for:}). Generous for a loaded 2-core CI machine.
     */
    private static final Duration TTD_BOUND = Duration.ofSeconds(45);
    /** The next passing run ends the streak (2 s), scraped (1 s) and evaluated (1 s). Generous for CI. */
    private static final Duration RESOLVES_WITHIN = Duration.ofSeconds(30);
    /** Firing + group wait + delivery; the resolve waits for the group's next interval too. */
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(20);

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
    private NotificationReceiver receiver;
    private AlertmanagerServer alertmanager;
    private PrometheusServer prometheus;
    private AlertWatch watch;
    private Instant watchedFrom;

    @BeforeAll
    void startDemoPrometheusAndWatch() throws Exception {
        runLogLevel = runLog.getLevel();
        runLog.setLevel(Level.WARN); // a line per passing run every 2 s per account is noise here; failures still show
        receiver = NotificationReceiver.start();
        alertmanager = AlertmanagerServer.start(receiver, GROUP_WAIT, GROUP_INTERVAL);
        demo = RunningDemo.start(INTERVAL, TimelineOptions.of(INCIDENT_AT, RECOVER_AT), TRANSIENT_AT);
        prometheus = PrometheusServer.builder()
                .target(demo.hostPort())
                .alertmanager(alertmanager.hostPort())
                .ruleFile(DashboardQueries.alertsYml())
                .scrapeInterval(SCRAPE_AND_EVALUATION)
                .evaluationInterval(SCRAPE_AND_EVALUATION)
                .start();
        awaitScrapedAndEvaluated(Duration.ofSeconds(20));
        watchedFrom = Instant.now();
        watch = AlertWatch.start(prometheus, POLL);
    }

    @AfterAll
    @SuppressWarnings("try") // the resources are only closed, in reverse order: watch, Prometheus, Alertmanager, receiver, demo
    void stopAll() {
        try (RunningDemo d = demo; NotificationReceiver r = receiver; AlertmanagerServer a = alertmanager;
             PrometheusServer p = prometheus; AlertWatch w = watch) {
            // also after a failed @BeforeAll; a null resource is skipped
        } finally {
            runLog.setLevel(runLogLevel);
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHealthyCanaryWithOneTransientFailurePerAccountRaisesNoAlertAndSendsNothing() throws Exception {
        sleepUntil(demo.incidentStart());

        List<Alert> seen = watch.seenBetween(watchedFrom, demo.incidentStart());
        assertEquals(List.of(), seen, "alerts while every account passed but for one transient 502 each");
        assertTrue(watch.observations().size() > 5, "too few polls of the healthy period: " + watch.observations().size());
        assertEquals(List.of(), receiver.deliveries(), "notifications before the incident");
        Instant transientAt = demo.target().timeline().startedAt().plus(TRANSIENT_AT);
        assertTrue(watchedFrom.isBefore(transientAt), "watching began after the transient, at " + watchedFrom);
        assertTrue(demo.scrape(RunningDemo.TEXT_ACCEPT).find("usercanary_runs_total", "outcome", "http_error").stream()
                .mapToDouble(io.usercanary.metrics.PrometheusText.Sample::value).sum() >= 1, "the transient 502s happened");
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
                                + " with 2 s probes, 1 s scrape and evaluation, no for:%n",
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
    void exactlyOnePagePerAffectedCohortNamesItAndNoneForTheHealthyOnes() throws Exception {
        Instant deadline = demo.incidentStart().plus(TTD_BOUND).plus(DELIVERED_WITHIN);
        for (String cohort : FAILING) {
            Delivery page = awaitDelivery(d -> d.path().equals("/paging") && d.firstLine().contains("cohort " + cohort + " "), deadline,
                    "a page for cohort " + cohort);
            System.out.printf("time to a delivered page for cohort %s: %.1f s (group_wait %s): %s%n",
                    cohort, seconds(demo.incidentStart(), page.at()), GROUP_WAIT, page.firstLine());
        }
        Thread.sleep(GROUP_INTERVAL.multipliedBy(3).toMillis()); // anything else the groups would send by now

        List<Delivery> all = receiver.deliveries();
        assertEquals(List.of(), all.stream().filter(d -> !d.path().equals("/paging")).toList(), "chat messages");
        assertEquals(2, all.size(), "one page per affected cohort: " + all);
        for (String cohort : FAILING) {
            List<Delivery> pages = all.stream().filter(d -> d.firstLine().contains("cohort " + cohort + " ")).toList();
            assertEquals(1, pages.size(), cohort + ": " + all);
            Delivery page = pages.get(0);
            assertEquals("trigger", page.action());
            assertTrue(page.firstLine().startsWith("Empty dashboards: cohort " + cohort + " (accounts "), page.firstLine());
            assertTrue(page.firstLine().endsWith(" in demo (local); new and veteran fine"), page.firstLine());
            String details = page.body().path("payload").path("custom_details").path("firing").asText();
            assertTrue(details.contains("First failing assertion: "), details);
            assertTrue(details.contains("Runbook: https://github.com/usercanary/usercanary#runbook-usercanaryemptydashboards"), details);
            assertTrue(details.contains("Status page: http://127.0.0.1:"), details);
            assertEquals(false, details.matches("(?s).*\\d\\.\\d{2,}.*"), "no extrapolated fractions: " + details);
        }
        assertTrue(all.stream().noneMatch(d -> PASSING.stream().anyMatch(c -> d.firstLine().contains("cohort " + c + " "))), all.toString());
        assertTrue(all.stream().allMatch(d -> d.at().isAfter(demo.incidentStart())), "a page before the incident: " + all);
    }

    @Test
    @Order(4)
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
    @Order(5)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void recoveryResolvesEveryAlertWithinSecondsAndSendsOneResolvePerPage() throws Exception {
        // A confirmed failure ends with the first passing run: no 5-minute window to wait out.
        for (String name : List.of(DIVERGENCE, EMPTY)) {
            Predicate<Alert> alert = a -> a.name().equals(name);
            Instant resolved = watch.awaitGone(alert, demo.recovery().plus(RESOLVES_WITHIN), name + " after recovery");
            System.out.printf("%s resolved %.1f s after recovery%n", name, seconds(demo.recovery(), resolved));
            assertTrue(resolved.isAfter(demo.recovery()), name + " resolved before the recovery, at " + resolved);
        }
        assertEquals(List.of(), prometheus.alerts(), "alerts left after recovery");

        Instant deadline = demo.recovery().plus(RESOLVES_WITHIN).plus(DELIVERED_WITHIN);
        for (String cohort : FAILING) {
            Delivery resolve = awaitDelivery(d -> d.action().equals("resolve") && d.firstLine().contains("cohort " + cohort + " "),
                    deadline, "a resolve notification for cohort " + cohort);
            System.out.printf("resolve notification for cohort %s %.1f s after recovery%n", cohort, seconds(demo.recovery(), resolve.at()));
        }
        Thread.sleep(GROUP_INTERVAL.multipliedBy(2).toMillis());
        List<Delivery> all = receiver.deliveries();
        assertEquals(4, all.size(), "a trigger and a resolve per affected cohort, nothing else: " + all);
    }

    private Delivery awaitDelivery(Predicate<Delivery> match, Instant deadline, String what) throws InterruptedException {
        while (true) {
            for (Delivery d : receiver.deliveries()) {
                if (match.test(d)) {
                    return d;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " by " + deadline + "; delivered: " + receiver.deliveries()
                        + "\nalerts: " + prometheus.alerts() + "\n" + alertmanager.log());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void awaitScrapedAndEvaluated(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // Before the first scrape there is no `up` at all: TargetMissing must not even go pending for that.
            List<Alert> alerts = prometheus.alerts();
            assertEquals(List.of(), alerts, "alerts while Prometheus starts");
            if (!prometheus.query("up == 1").isEmpty() && !prometheus.query("cohort:usercanary_runs:increase5m").isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus did not scrape the daemon: targets: " + prometheus.targets() + "\n" + prometheus.log());
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
