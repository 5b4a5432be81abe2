package io.usercanary.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Firebase Authentication settings. With {@code emulatorHost} (host:port, no scheme) every Auth REST
 * call goes to the emulator, or to the demo's Firebase-compatible endpoint.
 */
public record FirebaseConfig(
        Secret apiKey,
        String emulatorHost,
        String projectId,
        Path credentialsFile,
        Boolean reuseTokens,
        Duration fullLoginEvery) {

    public static final Duration DEFAULT_FULL_LOGIN_EVERY = Duration.ofHours(1);

    public FirebaseConfig {
        Checks.required("apiKey", apiKey);
        if (apiKey.reveal().isBlank()) {
            throw new InvalidConfigException("apiKey", "is empty");
        }
        if (emulatorHost != null && !emulatorHost.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
            throw new InvalidConfigException("emulatorHost", "'" + emulatorHost + "' is not host:port (no scheme), like 127.0.0.1:9099");
        }
        reuseTokens = reuseTokens != null && reuseTokens;
        fullLoginEvery = fullLoginEvery == null ? DEFAULT_FULL_LOGIN_EVERY : fullLoginEvery;
    }

    public FirebaseConfig withEmulatorHost(String host) {
        return new FirebaseConfig(apiKey, host, projectId, credentialsFile, reuseTokens, fullLoginEvery);
    }

    public boolean usesEmulator() {
        return emulatorHost != null;
    }
}
