package io.usercanary.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.firebase.auth.UserRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usercanary.auth.Emulator;
import io.usercanary.auth.EmulatorStack;
import io.usercanary.auth.EmulatorConfigs;
import io.usercanary.auth.FirebaseError;
import io.usercanary.testing.TestClock;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigLoader;
import io.usercanary.config.Secret;
import io.usercanary.http.BoundedHttp;
import io.usercanary.http.Deadline;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Probe;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** seed and ephemeral accounts against the real Auth stack.emulator(). */
@Tag("component")
class SeedEmulatorTest {
    static final String PASSWORD = "seed-password-81c";
    @RegisterExtension
    static final EmulatorStack.PerClass stack = new EmulatorStack.PerClass();
    final BoundedHttp http = new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP);
    final TestClock clock = TestClock.atNow();

    CanaryConfig config(String accounts) throws Exception {
        return new ConfigLoader(Map.of()).parse(EmulatorConfigs.yaml(stack.emulator(), stack.backend().baseUrl(), "", accounts), "seed.yaml");
    }

    List<SeedRow> seed(CanaryConfig config, boolean dryRun) {
        return Seeder.create(config, new FirebaseUserDirectory(stack.admin().auth()), http, clock).seed(dryRun);
    }

    boolean signsIn(String email, String password) throws Exception {
        try {
            FlowRunner.firebaseClient(config(EmulatorConfigs.passwordAccount("x", email, password, "")), http)
                    .signInWithPassword(email, Secret.of(password), Deadline.in(Duration.ofSeconds(10)), (p, r) -> {});
            return true;
        } catch (FirebaseError e) {
            return false;
        }
    }

    @Test
    void seedCreatesAndProvisionsMissingAccountsAndASecondRunChangesNothing() throws Exception {
        String email = Emulator.uniqueEmail("seed");
        String uid = Emulator.uniqueUid("seed-service");
        CanaryConfig config = config(EmulatorConfigs.passwordAccount("fresh", email, PASSWORD, "")
                + EmulatorConfigs.customTokenAccount("service", uid));

        List<SeedRow> first = seed(config, false);
        assertEquals(List.of(SeedRow.Action.CREATED, SeedRow.Action.CREATED), first.stream().map(SeedRow::action).toList(),
                first.toString());
        assertEquals("created: provisioned 1 request", SeedTable.action(first.get(0), false));
        assertEquals(uid, first.get(1).uid());
        assertEquals("new", first.get(0).cohort());
        String freshUid = stack.admin().auth().getUserByEmail(email).getUid();
        assertEquals("m-fresh", stack.backend().marker(freshUid));
        assertEquals("m-service", stack.backend().marker(uid));
        assertEquals(Map.of("usercanary", true), stack.admin().auth().getUser(freshUid).getCustomClaims());

        List<SeedRow> second = seed(config, false);
        assertEquals(List.of(SeedRow.Action.UNCHANGED, SeedRow.Action.UNCHANGED), second.stream().map(SeedRow::action).toList(),
                second.toString());
        assertEquals("2 accounts unchanged: nothing to do", SeedTable.summary(second, false));
        assertEquals(freshUid, second.get(0).uid());

        FlowRunner runner = FlowRunner.create(config, http, clock);
        for (var account : config.accounts()) {
            RunResult run = runner.run(account);
            assertEquals(Outcome.OK, run.outcome(), account.name() + ": " + run.detail());
        }
    }

    @ParameterizedTest(name = "email enumeration protection {0}")
    @ValueSource(booleans = {false, true})
    void existingAccountIsEnabledGivenTheConfiguredPasswordAndMarkedKeepingItsClaims(boolean privacy) throws Exception {
        String email = Emulator.uniqueEmail("drifted");
        UserRecord user = stack.admin().auth().createUser(new UserRecord.CreateRequest().setEmail(email).setPassword("an-old-password")
                .setDisabled(true));
        stack.admin().auth().setCustomUserClaims(user.getUid(), Map.of("plan", "pro"));
        CanaryConfig config = config(EmulatorConfigs.passwordAccount("drifted", email, PASSWORD, ""));

        stack.emulator().improvedEmailPrivacy(privacy);
        try {
            List<SeedRow> rows = seed(config, false);
            assertEquals("updated: enabled, password, claim usercanary", SeedTable.action(rows.get(0), false));
            assertEquals("1 account unchanged: nothing to do", SeedTable.summary(seed(config, false), false));
        } finally {
            stack.emulator().improvedEmailPrivacy(false);
        }
        UserRecord after = stack.admin().auth().getUser(user.getUid());
        assertFalse(after.isDisabled());
        assertEquals(Map.of("plan", "pro", "usercanary", true), after.getCustomClaims());
        assertTrue(signsIn(email, PASSWORD));
        assertEquals(null, stack.backend().marker(user.getUid()), "provisioning is for created accounts only");
    }

    @Test
    void dryRunSaysWhatItWouldDoAndChangesNothing() throws Exception {
        String missing = Emulator.uniqueEmail("missing");
        String drifted = Emulator.uniqueEmail("drifted");
        UserRecord user = stack.admin().auth().createUser(new UserRecord.CreateRequest().setEmail(drifted).setPassword("an-old-password"));
        CanaryConfig config = config(EmulatorConfigs.passwordAccount("missing", missing, PASSWORD, "")
                + EmulatorConfigs.passwordAccount("drifted", drifted, PASSWORD, ""));

        List<SeedRow> rows = seed(config, true);

        assertEquals("would create: then provision 1 request", SeedTable.action(rows.get(0), true));
        assertEquals("would update: password, claim usercanary", SeedTable.action(rows.get(1), true));
        assertEquals("dry run, nothing changed: would change 2, unchanged 0", SeedTable.summary(rows, true));
        assertTrue(new FirebaseUserDirectory(stack.admin().auth()).find(config.accounts().get(0)).isEmpty(), "not created");
        assertFalse(signsIn(drifted, PASSWORD), "password not changed");
        assertTrue(stack.admin().auth().getUser(user.getUid()).getCustomClaims().isEmpty(), "claim not set");
    }

    @Test
    void ephemeralAccountIsRecreatedOnceOlderThanMaxAge() throws Exception {
        String email = Emulator.uniqueEmail("ephemeral");
        CanaryConfig config = config(EmulatorConfigs.passwordAccount("ephemeral", email, PASSWORD, "ephemeral: { maxAge: 24h }"));
        assertEquals(SeedRow.Action.CREATED, seed(config, false).get(0).action());
        String firstUid = stack.admin().auth().getUserByEmail(email).getUid();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EphemeralAccounts ephemeral = new EphemeralAccounts(() -> new FirebaseUserDirectory(stack.admin().auth()), clock, registry);
        Probe runner = new RenewingProbe(ephemeral, FlowRunner.create(config, http, clock));

        RunResult young = runner.run(config.accounts().get(0));
        assertEquals(Outcome.OK, young.outcome(), young.detail());
        assertEquals(firstUid, stack.admin().auth().getUserByEmail(email).getUid());

        clock.advance(Duration.ofHours(25));
        RunResult renewed = runner.run(config.accounts().get(0));

        assertEquals(Outcome.OK, renewed.outcome(), renewed.detail());
        String secondUid = stack.admin().auth().getUserByEmail(email).getUid();
        assertNotEquals(firstUid, secondUid, "deleted and created again");
        assertEquals(Map.of("usercanary", true), stack.admin().auth().getUser(secondUid).getCustomClaims());
        assertEquals("m-ephemeral", stack.backend().marker(secondUid), "provisioned before the checks ran");
        assertEquals(1.0, registry.get(EphemeralAccounts.RECREATIONS).tag("result", "created").counter().count());

        clock.advance(Duration.ofHours(25));
        List<SeedRow> bySeed = seed(config, false);
        assertEquals("recreated: ephemeral, older than 1d", SeedTable.action(bySeed.get(0), false));
        assertNotEquals(secondUid, bySeed.get(0).uid());
    }
}
