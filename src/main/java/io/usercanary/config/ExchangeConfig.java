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
        expectStatus = Checks.list("expectStatus", expectStatus);
        for (int i = 0; i < expectStatus.size(); i++) {
            int code = expectStatus.get(i);
            if (code < 100 || code > 599) {
                throw new InvalidConfigException(ConfigPath.of("expectStatus", i), code + " is not an HTTP status code");
            }
        }
        Checks.required("token", token);
    }

    public boolean acceptsStatus(int code) {
        return expectStatus.isEmpty() ? code >= 200 && code < 300 : expectStatus.contains(code);
    }
}
