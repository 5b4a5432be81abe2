package io.usercanary.config;

import java.time.Duration;
import java.util.Map;

/** One dashboard request and what its response must hold. */
public record CheckConfig(
        String name,
        String method,
        Template path,
        Map<String, Template> headers,
        Template body,
        Expectation expect,
        Duration slowAfter) {

    public CheckConfig {
        Checks.label("name", name);
        method = Checks.httpMethod("method", method, "GET");
        Checks.required("path", path);
        headers = Checks.headers("headers", headers);
        expect = expect == null ? Expectation.ANY_2XX : expect;
        if (slowAfter != null && slowAfter.isZero()) {
            throw new InvalidConfigException("slowAfter", "must be longer than 0s");
        }
    }
}
