package io.usercanary.auth;

import io.usercanary.testing.TestConfigs;

/** Config YAML for the emulator and a {@link VerifyingBackend}: the exchange, one check, and the given accounts. */
public final class EmulatorConfigs {
    private EmulatorConfigs() {}

    /** {@code firebaseExtra} lines go under {@code firebase:}; {@code accounts} is the YAML list under {@code accounts:}. */
    public static String yaml(Emulator emulator, String backendUrl, String firebaseExtra, String accounts) {
        return """
                environment: emulator
                firebase:
                  apiKey: any-key-works
                  emulatorHost: %s
                  projectId: %s
                %s
                %schecks:
                  - name: overview
                    path: /api/dashboard
                    expect:
                      status: 200
                      notEmpty: [/widgets, /profile]
                      equals: { /profile/marker: "{{account.marker}}", /canary: "true" }
                accounts:
                %s
                schedule: { interval: 30s, jitter: 0s, timeout: 20s }
                """.formatted(emulator.host(), emulator.project(), firebaseExtra.indent(2).stripTrailing(), TestConfigs.backend(backendUrl),
                accounts.indent(2).stripTrailing());
    }

    /** A password account whose provision request stores {@code marker} for it. */
    public static String passwordAccount(String name, String email, String password, String extra) {
        return """
                - name: %s
                  email: %s
                  password: %s
                  vars: { marker: m-%s }
                  provision:
                    - path: /api/profile
                      body: '{"marker":"{{account.marker}}"}'
                """.formatted(name, email, password, name) + extra.indent(2);
    }

    public static String customTokenAccount(String name, String uid) {
        return """
                - name: %s
                  login: customToken
                  uid: %s
                  vars: { marker: m-%s }
                  provision:
                    - path: /api/profile
                      body: '{"marker":"{{account.marker}}"}'
                """.formatted(name, uid, name);
    }
}
