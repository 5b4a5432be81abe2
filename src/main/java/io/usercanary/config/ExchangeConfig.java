package io.usercanary.config;

import java.util.List;
import java.util.Map;

/** The request that trades the Firebase ID token for the backend's own token. */
public record ExchangeConfig(
        String method,
        Template path,
        Map<String, Template> headers,
        Template body,
        List<Integer> expectStatus,
        TokenLocation token) {

    public ExchangeConfig {
        method = Checks.httpMethod("method", method, "POST");
        Checks.required("path", path);
        headers = Checks.headers("headers", headers);
        expectStatus = ExpectedStatus.validate("expectStatus", expectStatus);
        Checks.required("token", token);
    }

    public boolean acceptsStatus(int code) {
        return ExpectedStatus.accepts(expectStatus, code);
    }

    /** {@code 2xx} or the listed codes. */
    public String expectedStatus() {
        return ExpectedStatus.describe(expectStatus);
    }
}
