package io.usercanary.demo;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One HTTP request as the demo's routes see it, apart from any server: method, path, the decoded
 * query, the headers (names case-insensitive) and the body as text.
 */
public record DemoRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
        String body) {

    public DemoRequest {
        TreeMap<String, List<String>> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> folded.merge(name, List.copyOf(values),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        headers = Collections.unmodifiableMap(folded);
        query = Map.copyOf(query);
        body = body == null ? "" : body;
    }

    /** A request whose query is given raw ({@code a=1&b=2}, or null), as a server hands it over. */
    public static DemoRequest of(String method, String path, String rawQuery, Map<String, List<String>> headers,
            String body) {
        return new DemoRequest(method.toUpperCase(Locale.ROOT), path, Exchanges.form(rawQuery), headers, body);
    }

    /** The first value of header {@code name}, if sent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of header {@code name}. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }
}
