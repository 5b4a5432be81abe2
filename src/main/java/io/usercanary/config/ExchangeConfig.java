package io.usercanary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The request that trades the Firebase ID token for the backend's own token.
 *
 * @param expectStatus the accepted status codes (written {@code status}, or {@code expectStatus}); empty means any 2xx
 */
public record ExchangeConfig(
        String method,
        Template path,
        Map<String, Template> headers,
        Template body,
        List<Integer> expectStatus,
        TokenLocation token) {

    public ExchangeConfig {
        RequestSpec request = new RequestSpec(method, path, headers, body, expectStatus); // a backend request's rules
        method = request.method();
        headers = request.headers();
        expectStatus = request.expectStatus();
        Checks.required("token", token);
    }

    @JsonCreator
    static ExchangeConfig fromYaml(
            @JsonProperty("method") String method,
            @JsonProperty("path") Template path,
            @JsonProperty("headers") Map<String, Template> headers,
            @JsonProperty("body") Template body,
            @JsonProperty("status") JsonNode status,
            @JsonProperty("expectStatus") JsonNode expectStatus,
            @JsonProperty("token") TokenLocation token) {
        return new ExchangeConfig(method, path, headers, body, ExpectedStatus.read(status, expectStatus), token);
    }

    public boolean acceptsStatus(int code) {
        return ExpectedStatus.accepts(expectStatus, code);
    }

    /** {@code 2xx} or the listed codes. */
    public String expectedStatus() {
        return ExpectedStatus.describe(expectStatus);
    }
}
