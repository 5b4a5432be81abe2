package io.usercanary.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Duration;

/** Reads durations such as {@code 10s} or {@code 30d}; a bare number is refused, its unit would be a guess. */
final class DurationDeserializer extends StdScalarDeserializer<Duration> {
    DurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
            throw new IllegalArgumentException(Checks.quoted(parser.getText()) + " is not a duration; write it with a unit, like 500ms, 10s, 5m, 24h or 30d");
        }
        return Durations.parse(parser.getText());
    }
}
