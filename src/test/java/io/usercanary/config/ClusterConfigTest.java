package io.usercanary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.usercanary.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterConfigTest {
    private static final String PASSWORD = "SECRET-DB-PASSWORD-0b7c";

    @TempDir
    Path dir;

    @Test
    void withoutAClusterBlockOneProcessRunsEverything() throws Exception {
        assertNull(parse("").cluster());
    }

    @Test
    void theBlockIsReadWithThePasswordFromTheEnvironmentAndTheDefaultCheckinInterval() throws Exception {
        CanaryConfig config = new ConfigLoader(Map.of("DB_PASSWORD", PASSWORD)).parse(TestConfigs.basic("127.0.0.1:1", """
                cluster:
                  jdbcUrl: jdbc:postgresql://db.internal:5432/usercanary
                  username: usercanary
                  password: ${DB_PASSWORD}
                """), "usercanary.yaml");
        ClusterConfig cluster = config.cluster();
        assertEquals("jdbc:postgresql://db.internal:5432/usercanary", cluster.jdbcUrl());
        assertEquals(PASSWORD, cluster.password().reveal());
        assertEquals(Duration.ofSeconds(5), cluster.checkinInterval());
        assertFalse(cluster.toString().contains(PASSWORD));
    }

    @Test
    void thePasswordCanComeFromAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("db-password"), PASSWORD + "\n");
        CanaryConfig config = parse("cluster: { jdbcUrl: 'jdbc:postgresql://db/u', passwordFile: " + file + ", checkinInterval: 2s }\n");
        assertEquals(PASSWORD, config.cluster().password().reveal());
        assertEquals(Duration.ofSeconds(2), config.cluster().checkinInterval());
    }

    @Test
    void aPasswordInTheUrlIsRedactedForLogs() {
        ClusterConfig cluster = new ClusterConfig("jdbc:postgresql://u:" + PASSWORD + "@db/x?user=u&password=" + PASSWORD + "&ssl=true",
                null, null, null, null);
        assertEquals("jdbc:postgresql://‹redacted›@db/x?user=u&password=‹redacted›&ssl=true", cluster.safeUrl());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cluster: { username: u }                                                  | usercanary.yaml:26: cluster.jdbcUrl: is required
            cluster: { jdbcUrl: 'jdbc:mysql://db/x' }                                  | usercanary.yaml:26: cluster.jdbcUrl: 'jdbc:mysql://db/x' is not a PostgreSQL JDBC URL: write jdbc:postgresql://HOST:PORT/DATABASE
            cluster: { jdbcUrl: 'jdbc:postgresql://db/x', checkinInterval: 500ms }     | usercanary.yaml:26: cluster.checkinInterval: must be at least 1s
            cluster: { jdbcUrl: 'jdbc:postgresql://db/x', checkinInterval: 5 }         | usercanary.yaml:26: cluster.checkinInterval: '5' is not a duration; write it with a unit, like 500ms, 10s, 5m, 24h or 30d
            cluster: { jdbcUrl: 'jdbc:postgresql://db/x', password: a, passwordFile: /nope } | usercanary.yaml:26: cluster.passwordFile: give either password or passwordFile, not both
            cluster: { jdbcUrl: 'jdbc:postgresql://db/x', passwordFile: /nonexistent/pw }   | usercanary.yaml:26: cluster.passwordFile: cannot read /nonexistent/pw (NoSuchFileException)
            cluster: { jdbcUrl: 'jdbc:postgresql://db/x', pasword: a }                 | usercanary.yaml:26: cluster.pasword: unknown key 'pasword' (expected one of: checkinInterval, jdbcUrl, password, passwordFile, username)
            """)
    void mistakesAreOneLineNamingFileLineAndKey(String yaml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml + "\n"));
        assertEquals(expected, e.getMessage());
    }

    private static CanaryConfig parse(String extra) throws ConfigException {
        return new ConfigLoader(Map.of()).parse(TestConfigs.basic("127.0.0.1:1", extra), "usercanary.yaml");
    }
}
