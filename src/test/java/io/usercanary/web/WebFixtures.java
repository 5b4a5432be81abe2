package io.usercanary.web;

import io.usercanary.check.AssertionResult;
import io.usercanary.check.PayloadMeasurement;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.config.ConfigLoader;
import io.usercanary.probe.HttpTrace;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import io.usercanary.store.RunHistory;
import io.usercanary.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The incident the project exists for, as data: four canaries in cohorts new, recent, established, veteran,
 * after a deploy pointed the API at a half-cloned database, so the middle two see empty dashboards.
 */
public final class WebFixtures {
    public static final Instant NOW = Instant.parse("2025-06-02T09:30:00Z");
    public static final String SIGN_IN = "/v1/accounts:signInWithPassword";
    public static final String LOOKUP = "/v1/accounts:lookup";
    public static final String EXCHANGE = "/auth/firebase";
    public static final String DASHBOARD = "/api/dashboard";
    public static final String FULL_DASHBOARD = "{\"widgets\":[{\"id\":1,\"title\":\"Revenue\"},{\"id\":2,\"title\":\"Signups\"},"
            + "{\"id\":3,\"title\":\"Churn\"}],\"profile\":{\"marker\":\"m-%s\"}}";
    public static final String EMPTY_DASHBOARD = "{\"widgets\":[],\"profile\":null}";

    private final AtomicLong ids = new AtomicLong();

    private WebFixtures() {}

    public static WebFixtures start() {
        return new WebFixtures();
    }

    /** Four accounts, the oldest with an explicit cohort; environment and location as production would name them. */
    public static CanaryConfig config() {
        return config("prod", "eu-west-1", """
                  - name: fresh
                    email: canary-fresh@example.com
                    password: SECRET-PASSWORD-fresh
                  - name: halfyear
                    email: canary-halfyear@example.com
                    password: SECRET-PASSWORD-halfyear
                  - name: legacy
                    email: canary-legacy@example.com
                    password: SECRET-PASSWORD-legacy
                  - name: founder
                    email: canary-founder@example.com
                    password: SECRET-PASSWORD-founder
                    cohort: veteran
                """);
    }

    /** A config with the four cohorts and the given accounts block (YAML list items, indented two spaces). */
    public static CanaryConfig config(String environment, String location, String accounts) {
        String yaml = """
                environment: '%s'
                location: '%s'
                firebase:
                  apiKey: SECRET-API-KEY-77d2
                %schecks:
                  - name: overview
                    path: /api/dashboard
                    expect:
                      status: 200
                      notEmpty: [/widgets]
                      minItems: { /widgets: 3 }
                cohorts:
                  - { name: new, maxAge: 30d }
                  - { name: recent, maxAge: 180d }
                  - { name: established, maxAge: 3y }
                  - { name: veteran }
                accounts:
                %s
                schedule: { interval: 30s, jitter: 5s, timeout: 10s }
                """.formatted(environment.replace("'", "''"), location.replace("'", "''"),
                        TestConfigs.backend("https://api.example.com"), accounts);
        try {
            return new ConfigLoader(Map.of()).parse(yaml, "web-fixture.yaml");
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A history as the incident left it: 12 rounds healthy, then 6 rounds with recent and established empty. */
    public RunHistory incident() {
        RunHistory history = new RunHistory(100, 30);
        for (int round = 0; round < 18; round++) {
            Instant at = NOW.minusSeconds(30L * (18 - round));
            boolean broken = round >= 12;
            history.onRun(ok("fresh", "new", 3, at));
            history.onRun(broken ? empty("halfyear", "recent", 120, at) : ok("halfyear", "recent", 120, at));
            history.onRun(broken ? empty("legacy", "established", 400, at) : ok("legacy", "established", 400, at));
            history.onRun(ok("founder", "veteran", 1200, at));
        }
        return history;
    }

    public RunResult ok(String account, String cohort, long ageDays, Instant at) {
        return run(account, cohort, ageDays, at, Outcome.OK, FULL_DASHBOARD.formatted(account), 3,
                List.of(new AssertionResult("notEmpty /widgets", true, "3 items"),
                        new AssertionResult("minItems /widgets 3", true, "3 items")));
    }

    public RunResult empty(String account, String cohort, long ageDays, Instant at) {
        return run(account, cohort, ageDays, at, Outcome.EMPTY, EMPTY_DASHBOARD, 0,
                List.of(new AssertionResult("notEmpty /widgets", false, "/widgets is an empty array"),
                        new AssertionResult("minItems /widgets 3", false, "/widgets has 0 items, expected at least 3")));
    }

    /** A run with login, lookup, exchange and the overview check; the check's outcome is the run's. */
    public RunResult run(String account, String cohort, long ageDays, Instant at, Outcome outcome, String body, long items,
                  List<AssertionResult> assertions) {
        String detail = outcome == Outcome.OK ? "" : assertions.stream().filter(a -> !a.passed())
                .map(AssertionResult::detail).findFirst().orElse(outcome.label());
        List<StepResult> steps = new ArrayList<>(List.of(
                step(Step.LOGIN, "", Outcome.OK, "password", 212, call("POST", SIGN_IN, 200, 205,
                        "{\"kind\":\"identitytoolkit#VerifyPasswordResponse\",\"idToken\":\"‹redacted›\"}"), List.of()),
                step(Step.LOOKUP, "", Outcome.OK, "created " + at.minus(Duration.ofDays(ageDays)), 88,
                        call("POST", LOOKUP, 200, 85, "{\"users\":[{\"localId\":\"uid-" + account + "\"}]}"), List.of()),
                step(Step.EXCHANGE, "", Outcome.OK, "", 64, call("POST", EXCHANGE, 200, 61,
                        "{\"data\":{\"session\":{\"accessToken\":\"‹redacted›\"}}}"), List.of()),
                step(Step.CHECK, "overview", outcome, outcome == Outcome.OK ? "" : detail, 143,
                        call("GET", DASHBOARD, 200, 140, body), assertions)));
        return new RunResult(ids.incrementAndGet(), account, cohort, Optional.of(ageDays * 86_400), at,
                Duration.ofMillis(512), outcome, outcome == Outcome.OK ? "" : "overview: " + detail, steps,
                List.of(new PayloadMeasurement("overview", "/widgets", items)), Optional.empty(), "password");
    }

    /** A login Firebase refused: no lookup, so no age, and no later steps. */
    public RunResult loginFailed(String account, String cohort, Instant at) {
        StepResult login = step(Step.LOGIN, "", Outcome.LOGIN_FAILED, "INVALID_LOGIN_CREDENTIALS", 190,
                call("POST", SIGN_IN, 400, 188, "{\"error\":{\"code\":400,\"message\":\"INVALID_LOGIN_CREDENTIALS\"}}"),
                List.of());
        return new RunResult(ids.incrementAndGet(), account, cohort, Optional.empty(), at, Duration.ofMillis(190),
                Outcome.LOGIN_FAILED, "INVALID_LOGIN_CREDENTIALS", List.of(login), List.of(),
                Optional.of("INVALID_LOGIN_CREDENTIALS"), "");
    }

    public static StepResult step(Step step, String check, Outcome outcome, String detail, long millis, HttpTrace call,
                           List<AssertionResult> assertions) {
        return new StepResult(step, check, outcome, detail, Duration.ofMillis(millis), call.status(), List.of(call), assertions);
    }

    public static HttpTrace call(String method, String path, int status, long millis, String body) {
        return new HttpTrace(method, path, status, Duration.ofMillis(millis), body);
    }
}
