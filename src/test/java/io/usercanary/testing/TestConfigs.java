package io.usercanary.testing;

/** Config YAML for tests, pointed at a {@link FakeProduction} on {@code host:port}. */
public final class TestConfigs {
    private TestConfigs() {}

    /** Everything up to and including {@code accounts:}: Firebase and the backend on {@code hostPort}, one check. */
    public static String upToAccounts(String hostPort) {
        return """
                environment: test
                location: lab
                firebase:
                  apiKey: SECRET-API-KEY-77d2
                  emulatorHost: %1$s
                backend:
                  baseUrl: http://%1$s
                  exchange:
                    path: /auth/firebase
                    body: '{"idToken":"{{idToken}}"}'
                    token: { json: /data/session/accessToken }
                checks:
                  - name: overview
                    path: /api/dashboard
                    expect:
                      status: 200
                      notEmpty: [/widgets, /profile]
                      minItems: { /widgets: 3 }
                      equals: { /profile/marker: "{{account.marker}}" }
                accounts:
                """.formatted(hostPort);
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
