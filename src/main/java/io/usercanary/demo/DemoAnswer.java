package io.usercanary.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP answer of the demo's routes, apart from any server: status, headers (in order) and body bytes. */
public record DemoAnswer(int status, Map<String, String> headers, byte[] body) {

    public DemoAnswer {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** {@code body} as JSON, with the content type and {@code Cache-Control: no-store} every demo answer carries. */
    public static DemoAnswer json(int status, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=UTF-8");
        headers.put("Cache-Control", "no-store");
        try {
            return new DemoAnswer(status, headers, Exchanges.JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that does not serialise", e);
        }
    }

    /** {@code {"error": message}}: the backend's error shape. */
    public static DemoAnswer error(int status, String message) {
        return json(status, Exchanges.JSON.createObjectNode().put("error", message));
    }

    /** This answer with header {@code name} set to {@code value} (replacing any). */
    DemoAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new DemoAnswer(status, more, body);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
