package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.docs.ReadmeTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code validate} lints a config where no secret is set, the way a pull-request pipeline runs it. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    Run validate(Map<String, String> environment, String yaml, String... options) throws Exception {
        Path file = dir.resolve("usercanary.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new ValidateCommand(environment));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        String[] args = new String[options.length + 2];
        args[0] = "--config";
        args[1] = file.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        int code = line.execute(args);
        return new Run(code, out.toString().replace(file.toString(), "usercanary.yaml"),
                err.toString().replace(file.toString(), "usercanary.yaml"));
    }

    @Test
    void theReadmesAnnotatedConfigPassesOnABareMachineWithWarnings() throws Exception {
        Run run = validate(Map.of(), ReadmeTest.annotatedConfig());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("usercanary.yaml: valid (environment production, 2 accounts, "), run.out());
        assertTrue(run.err().contains("usercanary: warning: usercanary.yaml:4: firebase.apiKey: environment variable "
                + "FIREBASE_WEB_API_KEY is not set here; needed at run time\n"), run.err());
        assertTrue(run.err().contains("accounts[0].password: environment variable CANARY_LEGACY_PASSWORD is not set here; "
                + "needed at run time\n"), run.err());
        assertTrue(run.err().contains("accounts[1].passwordFile: /run/secrets/canary-recent is not readable here; "
                + "needed at run time\n"), run.err());
        assertEquals(3, run.err().lines().count(), run.err());
    }

    @Test
    void strictMakesTheMissingSecretsErrors() throws Exception {
        Run run = validate(Map.of(), ReadmeTest.annotatedConfig(), "--strict");
        assertEquals(2, run.exitCode());
        assertEquals("usercanary: usercanary.yaml:4: firebase.apiKey: environment variable FIREBASE_WEB_API_KEY is not set "
                + "(write ${FIREBASE_WEB_API_KEY:-default} for a default)\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void countsAreWrittenInTheSingularForOne() throws Exception {
        Run run = validate(Map.of(), """
                environment: staging
                firebase: { apiKey: k }
                backend: { baseUrl: "https://api.example.com" }
                checks: [ { name: home, path: /api/home } ]
                accounts: [ { name: a, email: a@example.com, password: p } ]
                cohorts: [ { name: all } ]
                """);
        assertEquals("usercanary.yaml: valid (environment staging, 1 account, 1 check, 1 cohort)\n", run.out());
        assertEquals("", run.err());
        assertEquals(0, run.exitCode());
    }

    @Test
    void anInvalidConfigIsExitTwoWithOneLine() throws Exception {
        Run run = validate(Map.of(), "environment: staging\nfirebase: { apiKey: k }\n");
        assertEquals(2, run.exitCode());
        assertEquals("usercanary: usercanary.yaml:1: backend: is required\n", run.err());
    }
}
