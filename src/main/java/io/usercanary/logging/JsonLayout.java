package io.usercanary.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line: {@code time}, {@code level}, {@code logger}, {@code thread}, {@code message},
 * every SLF4J key-value pair as a field of its own (a run line's account, cohort, outcome, durationMs,
 * detail), the MDC, and {@code error}/{@code stack} for an exception.
 */
public final class JsonLayout {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> RESERVED = Set.of("time", "level", "logger", "thread", "message", "error", "stack");

    private JsonLayout() {}

    public static String format(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("message", event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    if (!RESERVED.contains(pair.key)) {
                        field(json, pair.key, pair.value);
                    }
                }
            }
            for (Map.Entry<String, String> mdc : event.getMDCPropertyMap().entrySet()) {
                if (!RESERVED.contains(mdc.getKey())) {
                    json.writeStringField(mdc.getKey(), mdc.getValue());
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeStringField("error", error.getClassName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
                json.writeStringField("stack", ThrowableProxyUtil.asString(error));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void field(JsonGenerator json, String key, Object value) throws IOException {
        if (value instanceof Integer || value instanceof Long) {
            json.writeNumberField(key, ((Number) value).longValue());
        } else if (value instanceof Number number) {
            json.writeNumberField(key, number.doubleValue());
        } else if (value instanceof Boolean bool) {
            json.writeBooleanField(key, bool);
        } else {
            json.writeStringField(key, String.valueOf(value));
        }
    }
}
