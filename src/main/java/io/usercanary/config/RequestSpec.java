package io.usercanary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A templated request to the backend, such as a {@code provision} step that creates an account's data.
 *
 * @param expectStatus the accepted status codes (written {@code status}, or {@code expectStatus}); empty means any 2xx
 */
public record RequestSpec(String method, Template path, Map<String, Template> headers, Template body, List<Integer> expectStatus) {
    public RequestSpec {
        method = Checks.httpMethod("method", method, "POST");
        Checks.requestPath("path", path);
        headers = Checks.headers("headers", headers);
        Checks.body("body", body);
        expectStatus = ExpectedStatus.validate(ExpectedStatus.ALIAS, expectStatus);
    }

    @JsonCreator
    static RequestSpec fromYaml(
            @JsonProperty("method") String method,
            @JsonProperty("path") Template path,
            @JsonProperty("headers") Map<String, Template> headers,
            @JsonProperty("body") Template body,
            @JsonProperty("status") JsonNode status,
            @JsonProperty("expectStatus") JsonNode expectStatus) {
        return new RequestSpec(method, path, headers, body, ExpectedStatus.read(status, expectStatus));
    }

    public boolean acceptsStatus(int code) {
        return ExpectedStatus.accepts(expectStatus, code);
    }

    /** {@code 2xx} or the listed codes. */
    public String expectedStatus() {
        return ExpectedStatus.describe(expectStatus);
    }
}
