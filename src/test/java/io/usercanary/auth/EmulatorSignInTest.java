package io.usercanary.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.firebase.auth.UserRecord;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigLoader;
import io.usercanary.http.BoundedHttp;
import io.usercanary.http.Deadline;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in and the whole flow against the real Auth emulator, the ID token verified by firebase-admin. */
@Tag("component")
class EmulatorSignInTest {
    static final String PASSWORD = "emulator-password-5e1";
    @RegisterExtension
    static final EmulatorStack.PerClass stack = new EmulatorStack.PerClass();
    final BoundedHttp http = new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP);

    /** A canary user made with firebase-admin, as seed makes it. */
    static UserRecord createUser(String email, boolean disabled) throws Exception {
        UserRecord user = stack.admin().auth().createUser(new UserRecord.CreateRequest().setEmail(email).setPassword(PASSWORD).setDisabled(disabled));
        stack.admin().auth().setCustomUserClaims(user.getUid(), Map.of("usercanary", true));
        return user;
    }

    CanaryConfig config(String firebaseExtra, String account) throws Exception {
        return new ConfigLoader(Map.of()).parse(EmulatorConfigs.yaml(stack.emulator(), stack.backend().baseUrl(), firebaseExtra, account), "stack.emulator().yaml");
    }

    CanaryConfig passwordConfig(String email, String password) throws Exception {
        return config("", EmulatorConfigs.passwordAccount("fresh", email, password, ""));
    }

    @Test
    void passwordLoginRunsTheWholeFlowWithATokenTheBackendVerifies() throws Exception {
        String email = Emulator.uniqueEmail("flow");
        createUser(email, false);
        CanaryConfig config = passwordConfig(email, PASSWORD);
        FlowRunner runner = FlowRunner.create(config, http, Clock.systemUTC());
        AccountConfig account = config.accounts().get(0);
        int verifiedBefore = stack.backend().verified();

        RunResult provisioned = runner.provision(account);
        assertEquals(Outcome.OK, provisioned.outcome(), provisioned.detail());
        RunResult result = runner.run(account);

        assertEquals(Outcome.OK, result.outcome(), result.detail());
        assertEquals("password", result.loginPath());
        assertEquals("new", result.cohort());
        assertTrue(result.ageSeconds().orElseThrow() < 120);
        assertEquals(verifiedBefore + 2, stack.backend().verified(), "provisioning and the run each had their ID token verified");
    }

    @Test
    void unprovisionedAccountSeesTheEmptyDashboard() throws Exception {
        String email = Emulator.uniqueEmail("empty");
        createUser(email, false);
        CanaryConfig config = passwordConfig(email, PASSWORD);
        RunResult result = FlowRunner.create(config, http, Clock.systemUTC()).run(config.accounts().get(0));
        assertEquals(Outcome.EMPTY, result.outcome(), result.detail());
    }

    @Test
    void wrongPasswordIsLoginFailedWithInvalidPassword() throws Exception {
        String email = Emulator.uniqueEmail("wrong");
        createUser(email, false);
        CanaryConfig config = passwordConfig(email, "not-the-password");
        RunResult result = FlowRunner.create(config, http, Clock.systemUTC()).run(config.accounts().get(0));
        assertEquals(Outcome.LOGIN_FAILED, result.outcome());
        assertEquals("INVALID_PASSWORD", result.firebaseError().orElseThrow());
        assertEquals("Firebase: INVALID_PASSWORD", result.detail());
    }

    @Test
    void withEmailEnumerationProtectionWrongPasswordIsInvalidLoginCredentials() throws Exception {
        String email = Emulator.uniqueEmail("privacy");
        createUser(email, false);
        CanaryConfig config = passwordConfig(email, "not-the-password");
        stack.emulator().improvedEmailPrivacy(true);
        try {
            RunResult result = FlowRunner.create(config, http, Clock.systemUTC()).run(config.accounts().get(0));
            assertEquals(Outcome.LOGIN_FAILED, result.outcome());
            assertEquals("INVALID_LOGIN_CREDENTIALS", result.firebaseError().orElseThrow());
        } finally {
            stack.emulator().improvedEmailPrivacy(false);
        }
    }

    @Test
    void disabledUserIsLoginFailedWithUserDisabled() throws Exception {
        String email = Emulator.uniqueEmail("disabled");
        createUser(email, true);
        CanaryConfig config = passwordConfig(email, PASSWORD);
        RunResult result = FlowRunner.create(config, http, Clock.systemUTC()).run(config.accounts().get(0));
        assertEquals(Outcome.LOGIN_FAILED, result.outcome());
        assertEquals("USER_DISABLED", result.firebaseError().orElseThrow());
    }

    @Test
    void lookupGivesTheCreationTimeFirebaseAdminSees() throws Exception {
        String email = Emulator.uniqueEmail("age");
        UserRecord user = createUser(email, false);
        CanaryConfig config = passwordConfig(email, PASSWORD);
        FirebaseAuthClient client = FlowRunner.firebaseClient(config, http);
        Deadline deadline = Deadline.in(Duration.ofSeconds(10));
        FirebaseTokens tokens = client.signInWithPassword(email, config.accounts().get(0).password(), deadline, (p, r) -> {});
        Instant createdAt = client.createdAt(tokens.idToken(), deadline, (p, r) -> {});
        assertEquals(user.getUserMetadata().getCreationTimestamp(), createdAt.toEpochMilli());
        assertEquals(user.getUid(), tokens.localId());
    }

    @Test
    void customTokenLoginRunsTheFlowWithoutAPassword() throws Exception {
        String uid = Emulator.uniqueUid("custom");
        stack.admin().auth().createUser(new UserRecord.CreateRequest().setUid(uid));
        stack.admin().auth().setCustomUserClaims(uid, Map.of("usercanary", true));
        CanaryConfig config = config("", EmulatorConfigs.customTokenAccount("service", uid));
        FlowRunner runner = FlowRunner.create(config, http, Clock.systemUTC());
        AccountConfig account = config.accounts().get(0);
        assertEquals(Outcome.OK, runner.provision(account).outcome());

        RunResult result = runner.run(account);
        assertEquals(Outcome.OK, result.outcome(), result.detail());
        assertEquals("customToken", result.loginPath());
        assertEquals("m-service", stack.backend().marker(uid));
    }

    @Test
    void reusedTokensAreRefreshedForRealNearExpiry() throws Exception {
        String email = Emulator.uniqueEmail("refresh");
        createUser(email, false);
        CanaryConfig config = config("reuseTokens: true", EmulatorConfigs.passwordAccount("fresh", email, PASSWORD, ""));
        TestClock clock = TestClock.atNow();
        FlowRunner runner = FlowRunner.create(config, http, clock);
        AccountConfig account = config.accounts().get(0);
        assertEquals("password", runner.provision(account).loginPath());

        clock.advance(Duration.ofMinutes(10));
        assertEquals("cached", runner.run(account).loginPath(), "the tokens provisioning signed in with");
        clock.advance(Duration.ofMinutes(48));
        RunResult refreshed = runner.run(account);
        assertEquals("refresh", refreshed.loginPath());
        assertEquals(Outcome.OK, refreshed.outcome(), "the emulator's refreshed ID token passes lookup and the backend");
    }
}
