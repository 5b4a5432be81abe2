package io.usercanary.demo;

import io.usercanary.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Renders the usercanary config YAML that points the monitor at a running demo target, commented
 * so a newcomer can copy it as a starting point. Deterministic apart from the two demo ports and the
 * accounts' throwaway passwords, which it holds so that it works as it is.
 */
public final class DemoConfig {
    /** The API key the rendered config uses; the demo, like the emulator, accepts any non-empty key. */
    public static final String API_KEY = "demo-api-key";
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Knobs of the rendered config.
     *
     * @param serverPort the monitor's own metrics/status port ({@code server.port})
     * @param interval how often each account is probed ({@code schedule.interval}); jitter is a fifth of it
     * @param assertDbName also expect {@code X-Db-Name: prod-main} on the overview check, which catches
     *     the bad deploy as a header mismatch as well as empty dashboards
     */
    public record Options(int serverPort, Duration interval, boolean assertDbName) {
        public Options {
            if (serverPort < 0 || serverPort > 65_535) {
                throw new IllegalArgumentException("server port must be 0..65535, got " + serverPort);
            }
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1_000) {
                throw new IllegalArgumentException("interval must be at least 1s, got " + Durations.format(interval));
            }
        }

        /** Port 9464, every 10 s, no database-name assertion. */
        public static Options defaults() {
            return new Options(9464, Duration.ofSeconds(10), false);
        }

        public Options withServerPort(int port) {
            return new Options(port, interval, assertDbName);
        }

        public Options withInterval(Duration newInterval) {
            return new Options(serverPort, newInterval, assertDbName);
        }

        public Options withDbNameAssertion(boolean enabled) {
            return new Options(serverPort, interval, enabled);
        }
    }

    private DemoConfig() {}

    /** The YAML for a target whose auth endpoint is at {@code emulatorHost} and backend at {@code backendBaseUrl}. */
    public static String render(String emulatorHost, String backendBaseUrl, List<DemoAccount> accounts, Options options) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("""
                # usercanary config for the embedded demo target, as rendered by `usercanary demo`.
                # Copy it as a starting point: swap the demo endpoints, accounts and checks for your own.
                environment: demo
                location: local
                firebase:
                  apiKey: %s   # any key works here; in production use a variable, e.g. FIREBASE_WEB_API_KEY
                  emulatorHost: %s   # the demo's Firebase-compatible endpoint; omit it in production
                backend:
                  baseUrl: %s
                  exchange:
                    method: POST
                    path: /auth/firebase
                    body: '{"idToken":"{{idToken}}"}'
                    expectStatus: [200]
                    token: { json: /data/session/accessToken }
                  headers: { Authorization: "Bearer {{jwt}}" }
                checks:
                  - name: overview
                    path: /api/dashboard
                    expect:
                      status: 200
                      notEmpty: [/widgets, /profile]
                      minItems: { /widgets: 1 }
                      equals: { /profile/marker: "{{account.marker}}" }
                """.formatted(API_KEY, emulatorHost, backendBaseUrl));
        if (options.assertDbName()) {
            yaml.append("      headers: { X-Db-Name: %s }\n".formatted(DemoDatabase.PROD_MAIN.databaseName()));
        } else {
            yaml.append("      # headers: { X-Db-Name: %s }   # would also catch the bad deploy by name\n"
                    .formatted(DemoDatabase.PROD_MAIN.databaseName()));
        }
        yaml.append("""
                    slowAfter: 2s
                  - name: projects
                    path: /api/projects
                    expect: { status: 200, notEmpty: [/projects] }
                  # Real apps ask "who am I" first, then load the organisation's dashboard:
                  - name: me
                    path: /api/me
                    capture:
                      orgId: { json: /user/orgId }   # {{capture.orgId}} in the checks below
                    expect:
                      absent: [/errors]              # a GraphQL-style error array fails as mismatch
                  - name: org-summary
                    path: /api/orgs/{{capture.orgId}}/summary
                    expect:
                      atLeast: { /totals/projects: 1 }   # a zero total is an empty dashboard
                      matches: { /org/plan: "^(team|pro)$" }
                # The passwords below are throwaway values: the demo makes them up at start and its sign-in
                # endpoint knows them only while it runs. They are written here so that `check`, `validate`
                # and `run` work on this file as it is. A real config must never hold a password: write
                # password: ${CANARY_NEW_PASSWORD} (from the environment) or passwordFile: /run/secrets/canary-new.
                accounts:
                """);
        for (DemoAccount account : accounts) {
            yaml.append("""
                      - name: %s
                        email: %s
                        password: '%s'   # throwaway demo password
                        vars: { marker: %s }
                    """.formatted(account.name(), account.email(), account.password(), account.marker()));
        }
        yaml.append("""
                # Each demo account falls in its own cohort (3 days, 2 months, 8 months, 3 years old),
                # so an incident that empties only the middle cohorts stands out.
                cohorts:
                  - { name: new, maxAge: 30d }
                  - { name: recent, maxAge: 180d }
                  - { name: established, maxAge: 730d }
                  - { name: veteran }
                schedule: { interval: %s, jitter: %s, timeout: %s }
                server: { port: %d, bind: 127.0.0.1 }
                """.formatted(Durations.format(options.interval()), Durations.format(options.interval().dividedBy(5)),
                Durations.format(min(options.interval(), MAX_TIMEOUT)), options.serverPort()));
        return yaml.toString();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
