package io.usercanary.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.multitenancy.TenantAwareFirebaseAuth;
import com.google.firebase.auth.UserRecord;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigLoader;
import io.usercanary.config.FirebaseConfig;
import io.usercanary.config.Secret;
import io.usercanary.http.BoundedHttp;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.seed.FirebaseUserDirectory;
import io.usercanary.seed.Seeder;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Identity Platform multi-tenancy against the real Auth emulator, which makes a tenant on its first use:
 * seed, password and custom-token sign-ins, lookup and refresh inside the tenant, and its refusals.
 */
@Tag("component")
class TenantEmulatorTest {
    static final String PASSWORD = "tenant-password-3f9";
    static final OkHttpClient HTTP = new OkHttpClient();
    @RegisterExtension
    static final EmulatorStack.PerClass stack = new EmulatorStack.PerClass();
    final BoundedHttp http = new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP);

    static String uniqueTenant() {
        return "canary-" + UUID.randomUUID().toString().substring(0, 8);
    }

    CanaryConfig config(String tenant, String account) throws Exception {
        return config(tenant, account, stack.backend());
    }

    CanaryConfig config(String tenant, String account, VerifyingBackend backend) throws Exception {
        String firebase = tenant == null ? "" : "tenantId: " + tenant;
        return new ConfigLoader(Map.of()).parse(EmulatorConfigs.yaml(stack.emulator(), backend.baseUrl(), firebase, account), "tenant.yaml");
    }

    static FirebaseAdmin tenantAdmin(String tenant) throws FirebaseAdmin.Unavailable {
        FirebaseConfig project = stack.emulator().firebaseConfig();
        FirebaseConfig inTenant = new FirebaseConfig(project.apiKey(), project.emulatorHost(), project.projectId(), null, false, null,
                tenant, null);
        return FirebaseAdmin.create(inTenant, "test-tenant-" + UUID.randomUUID());
    }

    @Test
    void seedCreatesTheAccountInTheTenantAndTheWholeFlowSignsInThere() throws Exception {
        String tenant = uniqueTenant();
        String email = Emulator.uniqueEmail("tenant");
        try (FirebaseAdmin admin = tenantAdmin(tenant); VerifyingBackend backend = VerifyingBackend.start(admin.auth())) {
            CanaryConfig config = config(tenant, EmulatorConfigs.passwordAccount("eu", email, PASSWORD, ""), backend);
            assertTrue(admin.auth() instanceof TenantAwareFirebaseAuth);
            Seeder.create(config, new FirebaseUserDirectory(admin.auth()), http, Clock.systemUTC()).seed(false);
            UserRecord user = admin.auth().getUserByEmail(email);
            assertEquals(tenant, user.getTenantId());
            assertThrows(FirebaseAuthException.class, () -> stack.admin().auth().getUserByEmail(email), "not in the project");

            RunResult result = FlowRunner.create(config, http, Clock.systemUTC()).run(config.accounts().get(0));
            assertEquals(Outcome.OK, result.outcome(), result.detail());
            assertEquals("new", result.cohort(), "the lookup inside the tenant found the account's age");

            FirebaseAuthClient client = FlowRunner.firebaseClient(config, http);
            FirebaseTokens tokens = client.signInWithPassword(email, Secret.of(PASSWORD), io.usercanary.http.Deadline.in(
                    java.time.Duration.ofSeconds(10)), (p, r) -> {});
            FirebaseTokens refreshed = client.refresh(tokens.refreshToken(), io.usercanary.http.Deadline.in(
                    java.time.Duration.ofSeconds(10)), (p, r) -> {});
            assertEquals(tenant, admin.auth().verifyIdToken(refreshed.idToken().reveal()).getTenantId());
        }
    }

    @Test
    void withoutTheTenantTheSameAccountCannotSignIn() throws Exception {
        String tenant = uniqueTenant();
        String email = Emulator.uniqueEmail("elsewhere");
        try (FirebaseAdmin admin = tenantAdmin(tenant)) {
            admin.auth().createUser(new UserRecord.CreateRequest().setEmail(email).setPassword(PASSWORD));
        }
        CanaryConfig config = config(null, EmulatorConfigs.passwordAccount("eu", email, PASSWORD, ""));
        RunResult result = FlowRunner.create(config, http, Clock.systemUTC()).run(config.accounts().get(0));
        assertEquals(Outcome.LOGIN_FAILED, result.outcome());
    }

    @Test
    void aCustomTokenMintedInTheTenantSignsInThere() throws Exception {
        String tenant = uniqueTenant();
        String uid = Emulator.uniqueUid("tenant-ct");
        try (FirebaseAdmin admin = tenantAdmin(tenant)) {
            admin.auth().createUser(new UserRecord.CreateRequest().setUid(uid));
        }
        CanaryConfig config = config(tenant, EmulatorConfigs.customTokenAccount("ct", uid));
        RunResult result = FlowRunner.create(config, http, Clock.systemUTC()).run(config.accounts().get(0));
        assertTrue(result.steps().get(0).outcome().passed(), result.detail());
        assertEquals("customToken", result.loginPath());
        FirebaseAdmin.closeShared();
    }

    @Test
    void aDisabledTenantIsLoginFailedNamingTheTenant() throws Exception {
        String tenant = uniqueTenant();
        String email = Emulator.uniqueEmail("off");
        try (FirebaseAdmin admin = tenantAdmin(tenant)) {
            admin.auth().createUser(new UserRecord.CreateRequest().setEmail(email).setPassword(PASSWORD));
        }
        emulatorCall("PATCH", "/identitytoolkit.googleapis.com/v2/projects/" + stack.emulator().project() + "/tenants/" + tenant
                + "?updateMask=disableAuth", "{\"disableAuth\":true}");
        CanaryConfig config = config(tenant, EmulatorConfigs.passwordAccount("eu", email, PASSWORD, ""));
        RunResult result = FlowRunner.create(config, http, Clock.systemUTC()).run(config.accounts().get(0));
        assertEquals(Outcome.LOGIN_FAILED, result.outcome());
        assertEquals("PROJECT_DISABLED", result.firebaseError().orElseThrow());
        assertEquals("Firebase: PROJECT_DISABLED: sign-in is disabled for the project, or for the tenant in firebase.tenantId",
                result.detail());
    }

    @Test
    void anAccountWithASecondFactorIsLoginFailedSayingSo() throws Exception {
        String tenant = uniqueTenant();
        String email = Emulator.uniqueEmail("mfa");
        String uid;
        try (FirebaseAdmin admin = tenantAdmin(tenant)) {
            uid = admin.auth().createUser(new UserRecord.CreateRequest().setEmail(email).setPassword(PASSWORD).setEmailVerified(true)).getUid();
        }
        emulatorCall("POST", "/identitytoolkit.googleapis.com/v1/projects/" + stack.emulator().project() + "/tenants/" + tenant
                + "/accounts:update", "{\"localId\":\"" + uid + "\",\"mfa\":{\"enrollments\":[{\"mfaEnrollmentId\":\"phone-1\","
                + "\"phoneInfo\":\"+15555550100\",\"displayName\":\"phone\"}]}}");
        CanaryConfig config = config(tenant, EmulatorConfigs.passwordAccount("eu", email, PASSWORD, ""));
        RunResult result = FlowRunner.create(config, http, Clock.systemUTC()).run(config.accounts().get(0));
        assertEquals(Outcome.LOGIN_FAILED, result.outcome());
        assertEquals(FirebaseError.MFA_ENROLLED, result.firebaseError().orElseThrow());
        assertEquals("Firebase: this canary has MFA enrolled; turn it off for canaries or use `login: customToken`", result.detail());
    }

    /** An emulator admin call, authorised as the emulator accepts: {@code Bearer owner}. */
    static void emulatorCall(String method, String path, String json) throws IOException {
        Request request = new Request.Builder().url("http://" + stack.emulator().host() + path).header("Authorization", "Bearer owner")
                .method(method, RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response response = HTTP.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException(method + " " + path + " answered " + response.code() + ": " + response.body().string());
            }
        }
    }
}
