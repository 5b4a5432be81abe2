package io.usercanary.schedule;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.config.ConfigLoader;
import io.usercanary.testing.TestConfigs;
import java.util.List;
import java.util.Map;

/** Daemon config YAML for tests: accounts by name against a {@link io.usercanary.testing.FakeProduction}. */
public final class DaemonConfigs {
    private DaemonConfigs() {}

    /** Every account signs in with the test password and expects the fake dashboard; {@code schedule} is flow YAML. */
    public static String yaml(String hostPort, List<String> accounts, String schedule) {
        StringBuilder out = new StringBuilder(TestConfigs.upToAccounts(hostPort));
        for (String name : accounts) {
            out.append("""
                      - name: %1$s
                        email: %1$s@example.com
                        password: SECRET-PASSWORD-1c9e
                        vars: { marker: m-legacy }
                    """.formatted(name));
        }
        return out.append("schedule: ").append(schedule).append('\n').toString();
    }

    public static CanaryConfig parse(String yaml) {
        try {
            return new ConfigLoader(Map.of()).parse(yaml, "test.yaml");
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A config whose backend is never called: for tests whose prober is a fake. */
    public static CanaryConfig offline(List<String> accounts, String schedule) {
        return parse(yaml("127.0.0.1:9", accounts, schedule));
    }
}
