package io.usercanary.auth;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.AbstractFirebaseAuth;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.internal.FirebaseProcessEnvironment;
import io.usercanary.config.ConfigLoader;
import io.usercanary.config.FirebaseConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A firebase-admin app for the config's project: account management ({@code seed}, ephemeral accounts) and
 * custom tokens. Credentials come from {@code firebase.credentialsFile}, else application default credentials
 * ({@code GOOGLE_APPLICATION_CREDENTIALS}); against an emulator none are needed.
 *
 * <p>firebase-admin reads {@code FIREBASE_AUTH_EMULATOR_HOST} process-wide and has no per-app option for it,
 * so an emulator config sets it through firebase-admin's own process-environment override: one process talks
 * to one Firebase, emulated or not. With {@code firebase.tenantId} accounts and custom tokens are the tenant's
 * ({@code TenantAwareFirebaseAuth}). Thread-safe.
 */
public final class FirebaseAdmin implements AutoCloseable {
    private static final AtomicLong APP_IDS = new AtomicLong();
    private static final Map<List<Object>, FirebaseAdmin> SHARED = new ConcurrentHashMap<>();
    private static final int TIMEOUT_MILLIS = 15_000;

    private final FirebaseApp app;
    private final AbstractFirebaseAuth auth;

    private FirebaseAdmin(FirebaseApp app, AbstractFirebaseAuth auth) {
        this.app = app;
        this.auth = auth;
    }

    /** Firebase-admin could not be set up; the message names the config key, e.g. {@code firebase.projectId: ...}. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** Where a component gets its app when it first needs one, so configs that never need firebase-admin never build one. */
    @FunctionalInterface
    public interface Source {
        FirebaseAdmin get() throws Unavailable;

        /** {@link #shared} for this config, built on first use. */
        static Source sharedFor(FirebaseConfig config) {
            return () -> shared(config);
        }
    }

    /** A new app named {@code appName}; the caller deletes it with {@link #close()}. */
    public static FirebaseAdmin create(FirebaseConfig config, String appName) throws Unavailable {
        if (config.projectId() == null || config.projectId().isBlank()) {
            throw new Unavailable("firebase.projectId: required for firebase-admin (seed, login: customToken, ephemeral accounts)");
        }
        GoogleCredentials credentials;
        if (config.usesEmulator()) {
            credentials = GoogleCredentials.create(new AccessToken("owner", null));
        } else if (config.credentialsFile() != null) {
            try (InputStream in = Files.newInputStream(config.credentialsFile())) {
                credentials = GoogleCredentials.fromStream(in);
            } catch (IOException e) {
                throw new Unavailable("firebase.credentialsFile: cannot read " + config.credentialsFile()
                        + " as Google credentials (" + e.getClass().getSimpleName() + ")");
            }
        } else {
            try {
                credentials = GoogleCredentials.getApplicationDefault();
            } catch (IOException e) {
                throw new Unavailable("firebase.credentialsFile: not set, and no application default credentials "
                        + "(set GOOGLE_APPLICATION_CREDENTIALS to a service account key file)");
            }
        }
        FirebaseOptions options = FirebaseOptions.builder()
                .setProjectId(config.projectId())
                .setCredentials(credentials)
                // java.net, as firebase-admin itself used before 9.2: its default (ApacheHttp2Transport, for
                // Cloud Messaging's HTTP/2) would need httpclient5 and httpcore5 in the jar, 1.9 MB.
                .setHttpTransport(new NetHttpTransport())
                .setConnectTimeout(TIMEOUT_MILLIS)
                .setReadTimeout(TIMEOUT_MILLIS)
                .build();
        synchronized (FirebaseAdmin.class) {
            if (config.usesEmulator()) {
                FirebaseProcessEnvironment.setenv(ConfigLoader.EMULATOR_ENV, config.emulatorHost());
            }
            FirebaseApp app = FirebaseApp.initializeApp(options, appName);
            // FirebaseAuth fixes its user-management URL, emulator or Google, when first built: build it now.
            FirebaseAuth project = FirebaseAuth.getInstance(app);
            return new FirebaseAdmin(app, config.hasTenant()
                    ? project.getTenantManager().getAuthForTenant(config.tenantId()) : project);
        }
    }

    /**
     * The process's one app for these settings, created on first use and kept for the process's life, so a
     * reloaded config with the same Firebase settings does not leave a new app behind each time.
     */
    public static FirebaseAdmin shared(FirebaseConfig config) throws Unavailable {
        List<Object> key = List.of(String.valueOf(config.projectId()), String.valueOf(config.emulatorHost()),
                String.valueOf(config.credentialsFile()), String.valueOf(config.tenantId()));
        synchronized (SHARED) {
            FirebaseAdmin existing = SHARED.get(key);
            if (existing != null) {
                return existing;
            }
            FirebaseAdmin created = create(config, "usercanary-" + APP_IDS.incrementAndGet());
            SHARED.put(key, created);
            return created;
        }
    }

    /** Deletes the shared apps, e.g. after a test class; the next {@link #shared} call builds a new one. */
    public static void closeShared() {
        synchronized (SHARED) {
            SHARED.values().forEach(FirebaseAdmin::close);
            SHARED.clear();
        }
    }

    /** The project's auth, or the tenant's when {@code firebase.tenantId} is set. */
    public AbstractFirebaseAuth auth() {
        return auth;
    }

    public String appName() {
        return app.getName();
    }

    @Override
    public void close() {
        app.delete();
    }
}
