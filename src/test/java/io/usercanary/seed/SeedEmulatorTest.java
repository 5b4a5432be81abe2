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
import io.usercanary.auth.FirebaseAdmin;
import io.usercanary.auth.FirebaseError;
import io.usercanary.auth.TestClock;
import io.usercanary.auth.VerifyingBackend;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** seed and ephemeral accounts against the real Auth emulator. */
@Tag("component")
class SeedEmulatorTest {
    static final String PASSWORD = "seed-password-81c";
    static EmulatorStack stack;
    static Emulator emulator;
    static FirebaseAdmin admin;
    static VerifyingBackend backend;
    final BoundedHttp http = new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP);
    final TestClock clock = TestClock.atNow();

    @BeforeAll
    static void start() throws Exception {
        stack = EmulatorStack.start(SeedEmulatorTest.class);
        emulator = stack.emulator();
        admin = stack.admin();
        backend = stack.backend();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    CanaryConfig config(String accounts) throws Exception {
        return new ConfigLoader(Map.of()).parse(EmulatorConfigs.yaml(emulator, backend.baseUrl(), "", accounts), "seed.yaml");
    }

    List<SeedRow> seed(CanaryConfig config, boolean dryRun) {
        return Seeder.create(config, new FirebaseUserDirectory(admin.auth()), http, clock).seed(dryRun);
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
        String freshUid = admin.auth().getUserByEmail(email).getUid();
        assertEquals("m-fresh", backend.marker(freshUid));
        assertEquals("m-service", backend.marker(uid));
        assertEquals(Map.of("usercanary", true), admin.auth().getUser(freshUid).getCustomClaims());

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
        UserRecord user = admin.auth().createUser(new UserRecord.CreateRequest().setEmail(email).setPassword("an-old-password")
                .setDisabled(true));
        admin.auth().setCustomUserClaims(user.getUid(), Map.of("plan", "pro"));
        CanaryConfig config = config(EmulatorConfigs.passwordAccount("drifted", email, PASSWORD, ""));

        emulator.improvedEmailPrivacy(privacy);
        try {
            List<SeedRow> rows = seed(config, false);
            assertEquals("updated: enabled, password, claim usercanary", SeedTable.action(rows.get(0), false));
            assertEquals("1 account unchanged: nothing to do", SeedTable.summary(seed(config, false), false));
        } finally {
            emulator.improvedEmailPrivacy(false);
        }
        UserRecord after = admin.auth().getUser(user.getUid());
        assertFalse(after.isDisabled());
        assertEquals(Map.of("plan", "pro", "usercanary", true), after.getCustomClaims());
        assertTrue(signsIn(email, PASSWORD));
        assertEquals(null, backend.marker(user.getUid()), "provisioning is for created accounts only");
    }

    @Test
    void dryRunSaysWhatItWouldDoAndChangesNothing() throws Exception {
        String missing = Emulator.uniqueEmail("missing");
        String drifted = Emulator.uniqueEmail("drifted");
        UserRecord user = admin.auth().createUser(new UserRecord.CreateRequest().setEmail(drifted).setPassword("an-old-password"));
        CanaryConfig config = config(EmulatorConfigs.passwordAccount("missing", missing, PASSWORD, "")
                + EmulatorConfigs.passwordAccount("drifted", drifted, PASSWORD, ""));

        List<SeedRow> rows = seed(config, true);

        assertEquals("would create: then provision 1 request", SeedTable.action(rows.get(0), true));
        assertEquals("would update: password, claim usercanary", SeedTable.action(rows.get(1), true));
        assertEquals("dry run, nothing changed: would change 2, unchanged 0", SeedTable.summary(rows, true));
        assertTrue(new FirebaseUserDirectory(admin.auth()).find(config.accounts().get(0)).isEmpty(), "not created");
        assertFalse(signsIn(drifted, PASSWORD), "password not changed");
        assertTrue(admin.auth().getUser(user.getUid()).getCustomClaims().isEmpty(), "claim not set");
    }

    @Test
    void ephemeralAccountIsRecreatedOnceOlderThanMaxAge() throws Exception {
        String email = Emulator.uniqueEmail("ephemeral");
        CanaryConfig config = config(EmulatorConfigs.passwordAccount("ephemeral", email, PASSWORD, "ephemeral: { maxAge: 24h }"));
        assertEquals(SeedRow.Action.CREATED, seed(config, false).get(0).action());
        String firstUid = admin.auth().getUserByEmail(email).getUid();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EphemeralAccounts ephemeral = new EphemeralAccounts(() -> new FirebaseUserDirectory(admin.auth()), clock, registry);
        Probe runner = new RenewingProbe(ephemeral, FlowRunner.create(config, http, clock));

        RunResult young = runner.run(config.accounts().get(0));
        assertEquals(Outcome.OK, young.outcome(), young.detail());
        assertEquals(firstUid, admin.auth().getUserByEmail(email).getUid());

        clock.advance(Duration.ofHours(25));
        RunResult renewed = runner.run(config.accounts().get(0));

        assertEquals(Outcome.OK, renewed.outcome(), renewed.detail());
        String secondUid = admin.auth().getUserByEmail(email).getUid();
        assertNotEquals(firstUid, secondUid, "deleted and created again");
        assertEquals(Map.of("usercanary", true), admin.auth().getUser(secondUid).getCustomClaims());
        assertEquals("m-ephemeral", backend.marker(secondUid), "provisioned before the checks ran");
        assertEquals(1.0, registry.get(EphemeralAccounts.RECREATIONS).tag("result", "created").counter().count());

        clock.advance(Duration.ofHours(25));
        List<SeedRow> bySeed = seed(config, false);
        assertEquals("recreated: ephemeral, older than 1d", SeedTable.action(bySeed.get(0), false));
        assertNotEquals(secondUid, bySeed.get(0).uid());
    }
}
