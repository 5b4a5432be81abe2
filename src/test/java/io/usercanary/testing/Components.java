package io.usercanary.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real components some tests need (Firebase Auth emulator, PostgreSQL, promtool, Prometheus,
 * Alertmanager and amtool, Chromium, nginx, blackbox_exporter, htpasswd).
 *
 * <p>{@code scripts/test} installs and starts them and exports their locations. On a laptop without
 * them a test is skipped; under {@code CI=true} a missing component fails the test, never skips it.
 */
public final class Components {
    private Components() {}

    /** {@code host:port} of a running Firebase Auth emulator, from {@code USERCANARY_TEST_EMULATOR_HOST}. */
    public static String firebaseEmulatorHost() {
        return require("the Firebase Auth emulator (USERCANARY_TEST_EMULATOR_HOST, started by scripts/test)",
                env("USERCANARY_TEST_EMULATOR_HOST"));
    }

    /** The project id the emulator was started with; scripts/test uses {@code demo-usercanary}. */
    public static String firebaseEmulatorProject() {
        return env("USERCANARY_TEST_EMULATOR_PROJECT").orElse("demo-usercanary");
    }

    /** JDBC URL of the PostgreSQL that scripts/test checked is up, from {@code USERCANARY_TEST_PG_URL}. */
    public static String postgresJdbcUrl() {
        return require("PostgreSQL at 127.0.0.1:5432 (USERCANARY_TEST_PG_URL, checked by scripts/test)",
                env("USERCANARY_TEST_PG_URL"));
    }

    public static Path promtool() {
        return require("promtool (Debian package prometheus)", executable("USERCANARY_PROMTOOL", "promtool"));
    }

    public static Path prometheus() {
        return require("prometheus (Debian package prometheus)", executable("USERCANARY_PROMETHEUS", "prometheus"));
    }

    public static Path chromium() {
        return require("chromium (Debian package chromium)", executable("USERCANARY_CHROMIUM", "chromium"));
    }

    public static Path alertmanager() {
        return require("alertmanager (Debian package prometheus-alertmanager)",
                executable("USERCANARY_ALERTMANAGER", "prometheus-alertmanager"));
    }

    public static Path amtool() {
        return require("amtool (Debian package prometheus-alertmanager)", executable("USERCANARY_AMTOOL", "amtool"));
    }

    public static Path nginx() {
        return require("nginx (Debian package nginx-light)", executable("USERCANARY_NGINX", "nginx"));
    }

    public static Path blackboxExporter() {
        return require("blackbox_exporter (Debian package prometheus-blackbox-exporter)",
                executable("USERCANARY_BLACKBOX_EXPORTER", "prometheus-blackbox-exporter"));
    }

    public static Path htpasswd() {
        return require("htpasswd (Debian package apache2-utils)", executable("USERCANARY_HTPASSWD", "htpasswd"));
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static <T> T require(String what, Optional<T> found) {
        if (found.isPresent()) {
            return found.get();
        }
        String message = "needs " + what + "; run scripts/test to install and start it";
        if (inCi()) {
            Assertions.fail("CI=true and a required component is missing: " + message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    private static Optional<Path> executable(String envName, String command) {
        Optional<String> configured = env(envName);
        if (configured.isPresent()) {
            return Optional.of(Path.of(configured.get())).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
