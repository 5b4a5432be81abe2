package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.schedule.DaemonConfigs;
import io.usercanary.web.FakeControl;
import io.usercanary.web.ServedWeb;
import io.usercanary.webconfig.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code healthcheck} against a daemon behind a web config (TLS, basic auth, client certificates), and run's refusal of a bad one. */
class HealthcheckCommandTest {
    /** htpasswd -nbBC 10 healthcheck 'correct horse' */
    static final String HASH = "$2y$10$G63WQUVZYQvgOlgSYETaVOawbWugkL/T5kvEXo7M0h7WtaHxV7wlO";

    @TempDir
    Path dir;
    final ServedWeb web = new ServedWeb();

    record Result(int code, String err) {}

    @AfterEach
    void stop() {
        web.close();
    }

    Path serve(String extraTls) throws Exception {
        TestCertificates.create(dir);
        Path file = ServedWeb.tls(dir, extraTls, "basic_auth_users:\n  healthcheck: " + HASH + "\n");
        // Healthy, and nothing else: the healthcheck asks /-/healthy only.
        web.start(file, new FakeControl().ready());
        return file;
    }

    Result healthcheck(Map<String, String> env, String... args) {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new HealthcheckCommand(env)).setErr(new PrintWriter(err, true)).execute(args);
        return new Result(code, err.toString());
    }

    String url() {
        return "http://127.0.0.1:" + web.port() + "/-/healthy";
    }

    @Test
    void withTheWebConfigAndCredentialsFromTheEnvironmentItPassesOverHttps() throws Exception {
        Path webConfig = serve("");
        Map<String, String> env = Map.of(HealthcheckCommand.USERNAME_ENV, "healthcheck",
                HealthcheckCommand.PASSWORD_ENV, "correct horse");
        assertEquals(0, healthcheck(env, "--url", url(), "--web.config.file", webConfig.toString()).code());
        Path passwordFile = Files.writeString(dir.resolve("password"), "correct horse\n");
        assertEquals(0, healthcheck(Map.of(HealthcheckCommand.USERNAME_ENV, "healthcheck",
                HealthcheckCommand.PASSWORD_FILE_ENV, passwordFile.toString()),
                "--url", url(), "--web.config.file", webConfig.toString()).code());
    }

    @Test
    void withoutCredentialsOrWithWrongOnesItFailsAndSaysWhy() throws Exception {
        Path webConfig = serve("");
        Result none = healthcheck(Map.of(), "--url", url(), "--web.config.file", webConfig.toString());
        assertEquals(1, none.code());
        assertEquals("usercanary: " + webConfig + " requires basic auth: set USERCANARY_HEALTHCHECK_USERNAME and "
                + "USERCANARY_HEALTHCHECK_PASSWORD (or USERCANARY_HEALTHCHECK_PASSWORD_FILE) for the healthcheck", none.err().strip());
        Result wrong = healthcheck(Map.of(HealthcheckCommand.USERNAME_ENV, "healthcheck", HealthcheckCommand.PASSWORD_ENV,
                "not-it-42"), "--url", url(), "--web.config.file", webConfig.toString());
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("answered 401"), wrong.err());
        assertFalse(wrong.err().contains("not-it-42"));
        Result plain = healthcheck(Map.of(), "--url", url());
        assertEquals(1, plain.code(), "without the web config it speaks plain HTTP to a TLS port: " + plain.err());
    }

    @Test
    void whenClientCertificatesAreRequiredItPresentsTheServersOwn() throws Exception {
        Path webConfig = serve("  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n");
        Map<String, String> env = Map.of(HealthcheckCommand.USERNAME_ENV, "healthcheck",
                HealthcheckCommand.PASSWORD_ENV, "correct horse");
        assertEquals(0, healthcheck(env, "--url", url(), "--web.config.file", webConfig.toString()).code());
    }

    @Test
    void runRefusesABadWebConfigWithItsOneLineErrorAndExitTwoBeforeStartingAnything() throws Exception {
        Path config = Files.writeString(dir.resolve("usercanary.yaml"), DaemonConfigs.yaml("127.0.0.1:9", List.of("legacy"),
                "{ interval: 60s }"));
        Path webConfig = ServedWeb.tls(dir, "  min_version: TLS10\n", "");
        TestCertificates.create(dir);
        RunUsageTest.Result result = RunUsageTest.execute("run", "--config", config.toString(), "--port", "0",
                "--web.config.file", webConfig.toString());
        assertEquals(2, result.code());
        assertEquals("usercanary: " + webConfig + ": tls_server_config.min_version: TLS10 is too weak (deprecated by "
                + "RFC 8996): use TLS12 or TLS13", result.err().strip());
    }
}
