package io.usercanary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusPageUrlTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            https://canary.example.com,          https://canary.example.com/
            https://canary.example.com/,         https://canary.example.com/
            http://10.0.0.5:9464/usercanary,     http://10.0.0.5:9464/usercanary/
            """)
    void anAbsoluteUrlEndsInASlash(String given, String expected) {
        assertEquals(Optional.of(URI.create(expected)), StatusPageUrl.parse(given));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            canary.example.com,                    needs an absolute http:// or https:// URL
            ftp://canary.example.com/,             needs an absolute http:// or https:// URL
            https://user:hunter2@canary.example/,  'must not hold credentials, a query or a fragment'
            https://canary.example/?a=1,           'must not hold credentials, a query or a fragment'
            """)
    void anythingElseIsRefusedWithoutEchoingIt(String given, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatusPageUrl.parse(given));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void noOptionNoUrl() {
        assertEquals(Optional.empty(), StatusPageUrl.parse(null));
    }
}
