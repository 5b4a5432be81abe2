package io.usercanary.config;

import java.util.List;
import java.util.Map;

/** A templated request to the backend, such as a {@code provision} step that creates an account's data. */
public record RequestSpec(String method, Template path, Map<String, Template> headers, Template body, List<Integer> expectStatus) {
    public RequestSpec {
        method = Checks.httpMethod("method", method, "POST");
        Checks.required("path", path);
        headers = Checks.headers("headers", headers);
        expectStatus = ExpectedStatus.validate("expectStatus", expectStatus);
    }

    public boolean acceptsStatus(int code) {
        return ExpectedStatus.accepts(expectStatus, code);
    }

    /** {@code 2xx} or the listed codes. */
    public String expectedStatus() {
        return ExpectedStatus.describe(expectStatus);
    }
}
