package io.usercanary.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usercanary.config.Secret;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void knownSecretsAreReplacedWhereverTheyAppear() {
        Redactor redactor = new Redactor().add(Secret.of("hunter2")).add("jwt-value");
        assertEquals("pw=‹redacted› token=‹redacted›", redactor.redact("pw=hunter2 token=jwt-value"));
    }

    @Test
    void anythingShapedLikeAJwtIsReplacedEvenWhenUnknown() {
        assertEquals("Bearer ‹redacted›", new Redactor().redact("Bearer eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl"));
    }

    @Test
    void jsonValuesUnderSecretSoundingKeysAreReplaced() {
        String body = "{\"refreshToken\":\"r-1\",\"user\":{\"password\":\"p\\\"q\"},\"apiKey\":\"k\",\"name\":\"keep\"}";
        assertEquals("{\"refreshToken\":\"‹redacted›\",\"user\":{\"password\":\"‹redacted›\"},\"apiKey\":\"‹redacted›\",\"name\":\"keep\"}",
                new Redactor().redact(body));
    }

    @Test
    void aShortSecretIsReplacedOnlyAsAWholeToken() {
        Redactor redactor = new Redactor().add(Secret.of("k")).add("abc");
        assertEquals("unknown host, key=‹redacted›, {\"password\":\"‹redacted›\"} abcd", redactor.redact("unknown host, key=k, {\"password\":\"abc\"} abcd"));
    }
}
