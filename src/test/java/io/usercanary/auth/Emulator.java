package io.usercanary.auth;

import io.usercanary.config.FirebaseConfig;
import io.usercanary.config.Secret;
import io.usercanary.testing.Components;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The real Firebase Auth emulator from {@link Components}: its settings as a config, a firebase-admin app
 * per test class, and its emulator-only REST endpoints. Tests use unique emails rather than wiping it.
 */
public final class Emulator {
    private static final OkHttpClient HTTP = new OkHttpClient();

    private final String host;
    private final String project;

    public Emulator() {
        this.host = Components.firebaseEmulatorHost();
        this.project = Components.firebaseEmulatorProject();
    }

    public String host() {
        return host;
    }

    public String project() {
        return project;
    }

    public FirebaseConfig firebaseConfig() {
        return new FirebaseConfig(Secret.of("any-key-works"), host, project, null, false, null);
    }

    /** A firebase-admin app named for the test class; close it in {@code @AfterAll}. */
    public FirebaseAdmin admin(Class<?> testClass) throws FirebaseAdmin.Unavailable {
        return FirebaseAdmin.create(firebaseConfig(), "test-" + testClass.getSimpleName() + "-" + UUID.randomUUID());
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static String uniqueUid(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Email-enumeration protection: on, a wrong password is {@code INVALID_LOGIN_CREDENTIALS} (as on
     * projects created since 2023); off, {@code INVALID_PASSWORD}. Project-wide: turn it off again.
     */
    public void improvedEmailPrivacy(boolean enabled) {
        Request request = new Request.Builder()
                .url("http://" + host + "/emulator/v1/projects/" + project + "/config")
                .patch(RequestBody.create("{\"emailPrivacyConfig\":{\"enableImprovedEmailPrivacy\":" + enabled + "}}",
                        MediaType.get("application/json")))
                .build();
        try (Response response = HTTP.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("emulator config PATCH answered " + response.code());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
