package io.usercanary.config;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One dashboard request and what its response must hold.
 *
 * @param capture name → where in this check's response to read a value that later checks use as
 *     {@code {{capture.<name>}}} in their path, headers and body (a missing or empty value fails this check as {@code empty})
 */
public record CheckConfig(
        String name,
        String method,
        Template path,
        Map<String, Template> headers,
        Template body,
        Expectation expect,
        Duration slowAfter,
        Map<String, TokenLocation> capture) {

    /** What a capture may be called: it becomes part of a {@code {{capture.<name>}}} placeholder. */
    public static final Pattern CAPTURE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");

    public CheckConfig {
        Checks.label("name", name);
        method = Checks.httpMethod("method", method, "GET");
        Checks.requestPath("path", path);
        headers = Checks.headers("headers", headers);
        Checks.body("body", body);
        expect = expect == null ? Expectation.ANY_2XX : expect;
        if (slowAfter != null && slowAfter.isZero()) {
            throw new InvalidConfigException("slowAfter", "must be longer than 0s");
        }
        capture = Checks.map("capture", capture);
        capture.keySet().forEach(key -> {
            if (!CAPTURE_NAME.matcher(key).matches()) {
                throw new InvalidConfigException(ConfigPath.of("capture", key), Checks.quoted(key)
                        + " is not a capture name: a letter, then letters, digits or '_'");
            }
        });
    }

    /** A check that captures nothing: the shape before {@code capture}. */
    public CheckConfig(String name, String method, Template path, Map<String, Template> headers, Template body,
            Expectation expect, Duration slowAfter) {
        this(name, method, path, headers, body, expect, slowAfter, null);
    }
}
