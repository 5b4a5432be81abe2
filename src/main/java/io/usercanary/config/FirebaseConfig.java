package io.usercanary.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Firebase Authentication settings. With {@code emulatorHost} (host:port, no scheme) every Auth REST
 * call goes to the emulator, or to the demo's Firebase-compatible endpoint.
 *
 * @param tenantId an Identity Platform tenant: sign-in, refresh, lookup, {@code seed} and ephemeral accounts work inside it
 * @param headers sent on every Firebase call and never to the backend, for API keys restricted to an HTTP referrer
 *     ({@code Referer}) or an app ({@code X-Android-Package}, {@code X-Ios-Bundle-Identifier}); literal values
 *     (after {@code ${ENV}} substitution), no {@code {{placeholders}}}
 */
public record FirebaseConfig(
        Secret apiKey,
        String emulatorHost,
        String projectId,
        Path credentialsFile,
        Boolean reuseTokens,
        Duration fullLoginEvery,
        String tenantId,
        Map<String, String> headers) {

    public static final Duration DEFAULT_FULL_LOGIN_EVERY = Duration.ofHours(1);
    /** Identity Platform tenant ids: a letter, then letters, digits and '-', 4 to 63 characters, no '-' at the end. */
    public static final Pattern TENANT_ID = Pattern.compile("[A-Za-z][A-Za-z0-9-]{2,61}[A-Za-z0-9]");

    private static final Set<String> SET_BY_THE_CLIENT = Set.of("host", "content-length", "content-type", "transfer-encoding", "connection");

    public FirebaseConfig {
        Checks.required("apiKey", apiKey);
        if (apiKey.reveal().isBlank()) {
            throw new InvalidConfigException("apiKey", "is empty");
        }
        if (emulatorHost != null && !emulatorHost.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
            throw new InvalidConfigException("emulatorHost", Checks.quoted(emulatorHost) + " is not host:port (no scheme), like 127.0.0.1:9099");
        }
        reuseTokens = reuseTokens != null && reuseTokens;
        fullLoginEvery = fullLoginEvery == null ? DEFAULT_FULL_LOGIN_EVERY : fullLoginEvery;
        if (fullLoginEvery.isZero()) {
            throw new InvalidConfigException("fullLoginEvery", "must be longer than 0s");
        }
        if (tenantId != null && !TENANT_ID.matcher(tenantId).matches()) {
            throw new InvalidConfigException("tenantId", Checks.quoted(tenantId) + " is not an Identity Platform tenant id"
                    + " (a letter, then letters, digits and '-', 4 to 63 characters, like customers-eu-x7k2q)");
        }
        headers = Checks.map("headers", headers);
        headers.forEach((name, value) -> {
            ConfigPath where = ConfigPath.of("headers", name);
            Checks.headerName(where, name);
            Checks.headerValue(where, value);
            if (SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidConfigException(where, "is set by usercanary on every Firebase call; it cannot be replaced");
            }
            if (value.contains("{{")) {
                throw new InvalidConfigException(where, "{{placeholders}} are not filled in on Firebase calls; use a literal value or ${ENV}");
            }
        });
    }

    /** Settings without a tenant or Firebase headers: the shape before {@code tenantId} and {@code headers}. */
    public FirebaseConfig(Secret apiKey, String emulatorHost, String projectId, Path credentialsFile,
            Boolean reuseTokens, Duration fullLoginEvery) {
        this(apiKey, emulatorHost, projectId, credentialsFile, reuseTokens, fullLoginEvery, null, null);
    }

    public FirebaseConfig withEmulatorHost(String host) {
        return new FirebaseConfig(apiKey, host, projectId, credentialsFile, reuseTokens, fullLoginEvery, tenantId, headers);
    }

    public boolean usesEmulator() {
        return emulatorHost != null;
    }

    public boolean hasTenant() {
        return tenantId != null;
    }
}
