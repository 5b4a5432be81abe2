package io.usercanary.testing;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.config.ConfigLoader;
import java.util.Map;

/** Config YAML for tests, pointed at a {@link FakeProduction} on {@code host:port}. */
public final class TestConfigs {
    private TestConfigs() {}

    /** A config from YAML, with no environment variables, as {@code test.yaml}. */
    public static CanaryConfig parse(String yaml) throws ConfigException {
        return new ConfigLoader(Map.of()).parse(yaml, "test.yaml");
    }

    /**
     * The {@code backend:} block every test config shares: {@code baseUrl}, and an exchange posting the ID token to
     * {@code /auth/firebase} and reading the JWT at {@code /data/session/accessToken}. Ends with a newline.
     */
    public static String backend(String baseUrl) {
        return """
                backend:
                  baseUrl: %s
                  exchange:
                    path: /auth/firebase
                    body: '{"idToken":"{{idToken}}"}'
                    token: { json: /data/session/accessToken }
                """.formatted(baseUrl);
    }

    /** Everything up to and including {@code accounts:}: Firebase and the backend on {@code hostPort}, one check. */
    public static String upToAccounts(String hostPort) {
        return """
                environment: test
                location: lab
                firebase:
                  apiKey: SECRET-API-KEY-77d2
                  emulatorHost: %1$s
                %2$schecks:
                  - name: overview
                    path: /api/dashboard
                    expect:
                      status: 200
                      notEmpty: [/widgets, /profile]
                      minItems: { /widgets: 3 }
                      equals: { /profile/marker: "{{account.marker}}" }
                accounts:
                """.formatted(hostPort, backend("http://" + hostPort));
    }

    /** One account, one check, an exchange reading the JWT from JSON; {@code extra} is appended verbatim. */
    public static String basic(String hostPort, String extra) {
        return upToAccounts(hostPort) + """
                  - name: legacy
                    email: canary-legacy@example.com
                    password: SECRET-PASSWORD-1c9e
                    vars: { marker: m-legacy }
                schedule: { interval: 10s, jitter: 0s, timeout: 2s }
                """ + extra;
    }
}
