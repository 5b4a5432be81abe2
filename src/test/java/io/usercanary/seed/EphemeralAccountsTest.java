package io.usercanary.seed;

import static io.usercanary.testing.FakeProduction.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usercanary.testing.TestClock;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.http.BoundedHttp;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.Probe;
import io.usercanary.probe.RunResult;
import io.usercanary.testing.FakeProduction;
import io.usercanary.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EphemeralAccountsTest {
    static final String PROFILE = "/api/profile";
    static final String EPHEMERAL = """
                ephemeral: { maxAge: 24h }
                provision:
                  - path: /api/profile
                    body: '{"marker":"{{account.marker}}"}'
            """;

    final FakeProduction production = FakeProduction.start();
    final MockWebServer server = production.server();
    final TestClock clock = new TestClock(Instant.parse("2026-03-02T12:00:00Z"));
    final FakeUsers users = new FakeUsers(clock);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final EphemeralAccounts ephemeral = new EphemeralAccounts(() -> users, clock, registry);
    CanaryConfig config;
    Probe runner;

    @BeforeEach
    void start() throws Exception {
        production.on(PROFILE, json(201, "{\"stored\":true}"));
        config = config(true);
        runner = new RenewingProbe(ephemeral,
                FlowRunner.create(config, new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP), clock));
    }

    CanaryConfig config(boolean ephemeralAccount) throws Exception {
        String yaml = production.basicConfig();
        if (ephemeralAccount) {
            yaml = yaml.replace("    vars: { marker: m-legacy }\n", "    vars: { marker: m-legacy }\n" + EPHEMERAL);
        }
        return TestConfigs.parse(yaml);
    }

    @AfterEach
    void stop() {
        production.close();
    }

    AccountConfig account() {
        return config.accounts().get(0);
    }

    double recreations(String result) {
        return registry.get(EphemeralAccounts.RECREATIONS).tag("result", result).counter().count();
    }

    long requestsTo(String path) throws InterruptedException {
        long count = 0;
        for (int i = server.getRequestCount(); i > 0; i--) {
            if (server.takeRequest().getUrl().encodedPath().equals(path)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void accountOlderThanMaxAgeIsDeletedCreatedAgainAndProvisionedBeforeItsRun() throws Exception {
        CanaryUser old = users.add(account(), clock.instant().minus(Duration.ofHours(25)), true);

        RunResult result = runner.run(account());

        assertEquals(Outcome.OK, result.outcome(), result.detail());
        assertEquals(List.of(old.uid()), users.deleted);
        CanaryUser fresh = users.find(account()).orElseThrow();
        assertEquals(clock.instant(), fresh.createdAt());
        assertTrue(fresh.marked(), "created with the canary claim");
        assertEquals(account().password(), users.passwords.get(fresh.uid()), "same password as the config");
        assertEquals(1, requestsTo(PROFILE), "provisioned once, before the checks");
        assertEquals(1.0, recreations("created"));
        assertEquals(0.0, recreations("failed"));
    }

    @Test
    void youngAccountIsLeftAloneAndLaterRunsCostNoLookupUntilItIsDue() {
        users.add(account(), clock.instant().minus(Duration.ofHours(2)), true);
        assertEquals(Outcome.OK, runner.run(account()).outcome());
        clock.advance(Duration.ofHours(21));
        assertEquals(Outcome.OK, runner.run(account()).outcome());
        assertEquals(List.of("find legacy"), users.calls, "the second run knew the age already");

        clock.advance(Duration.ofHours(1));
        assertEquals(Outcome.OK, runner.run(account()).outcome());
        assertEquals(1, users.deleted.size(), "recreated once 24h old");
    }

    @Test
    void missingEphemeralAccountIsCreated() {
        assertEquals(Outcome.OK, runner.run(account()).outcome());
        assertEquals(List.of("find legacy", "create legacy"), users.calls);
        assertEquals(1.0, recreations("created"));
    }

    @Test
    void nonEphemeralAccountIsNeverTouchedHoweverOld() throws Exception {
        CanaryConfig plain = config(false);
        AccountConfig permanent = plain.accounts().get(0);
        users.add(permanent, clock.instant().minus(Duration.ofDays(400)), true);
        Probe plainRunner = new RenewingProbe(ephemeral,
                FlowRunner.create(plain, new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP), clock));

        assertEquals(Outcome.OK, plainRunner.run(permanent).outcome());
        assertTrue(users.calls.isEmpty(), "not even looked up: " + users.calls);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ephemeral.recreate(permanent, users.find(permanent), a -> { throw new AssertionError(); }));
        assertEquals("account legacy is not ephemeral; it is never deleted", refused.getMessage());
        assertTrue(users.deleted.isEmpty());
    }

    @Test
    void userWithoutTheCanaryClaimIsNeverDeleted() {
        CanaryUser stranger = users.add(account(), clock.instant().minus(Duration.ofDays(30)), false);

        RunResult result = runner.run(account());

        assertEquals(Outcome.LOGIN_FAILED, result.outcome());
        assertEquals("ephemeral account could not be recreated: its Firebase user " + stranger.uid()
                + " has no 'usercanary' claim, so it is not deleted (run seed to mark it as a canary)", result.detail());
        assertTrue(users.deleted.isEmpty());
        assertEquals(1.0, recreations("failed"));
    }

    @Test
    void failedCreationIsItsOwnOutcomeAndNoSignInIsTried() throws Exception {
        users.add(account(), clock.instant().minus(Duration.ofDays(2)), true);
        users.failCreateWith = "firebase-admin could not create the user (EMAIL_ALREADY_EXISTS)";

        RunResult result = runner.run(account());

        assertEquals(Outcome.LOGIN_FAILED, result.outcome());
        assertEquals("ephemeral account could not be recreated: firebase-admin could not create the user (EMAIL_ALREADY_EXISTS)",
                result.detail());
        assertEquals(Optional.empty(), result.firebaseError());
        assertEquals(0, server.getRequestCount(), "the run stops before Firebase");
        assertEquals(1.0, recreations("failed"));
        assertEquals(0.0, recreations("created"));
    }

    @Test
    void failedProvisioningIsDoneAgainOnTheNextRun() {
        production.on(PROFILE, json(500, "{\"error\":\"db down\"}"));
        users.add(account(), clock.instant().minus(Duration.ofDays(2)), true);

        RunResult first = runner.run(account());
        assertEquals(Outcome.LOGIN_FAILED, first.outcome());
        assertEquals("ephemeral account could not be recreated: provisioning after creating it again: http_error: "
                + "provision[0]: expected status 2xx, got 500", first.detail());

        production.on(PROFILE, json(201, "{}"));
        clock.advance(Duration.ofMinutes(1));
        RunResult second = runner.run(account());
        assertEquals(Outcome.OK, second.outcome(), second.detail());
        assertEquals(2, users.deleted.size(), "the half-made account was made again");
        assertEquals(1.0, recreations("failed"));
        assertEquals(1.0, recreations("created"));
    }

    @Test
    void anAccountWithoutEphemeralNeedsNoRenewal() throws Exception {
        AccountConfig permanent = config(false).accounts().get(0);
        assertFalse(ephemeral.renewIfDue(permanent, a -> null).failed());
        assertEquals(EphemeralAccounts.Renewal.READY, ephemeral.renewIfDue(permanent, a -> null));
    }
}
