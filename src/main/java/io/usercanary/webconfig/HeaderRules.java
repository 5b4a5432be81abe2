package io.usercanary.webconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code http_server_config.headers}: only the headers the exporter toolkit allows, with its fixed values where it has them. */
final class HeaderRules {
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "Strict-Transport-Security", List.of(),
            "X-Content-Type-Options", List.of("nosniff"),
            "X-Frame-Options", List.of("deny", "sameorigin"),
            "X-XSS-Protection", List.of(),
            "Content-Security-Policy", List.of());

    private HeaderRules() {}

    static Map<String, String> check(Map<String, String> headers) throws WebConfigException {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String key = "http_server_config.headers." + header.getKey();
            List<String> values = ALLOWED.get(header.getKey());
            if (values == null) {
                throw new WebConfigException(key + ": this header cannot be configured: use one of "
                        + String.join(", ", ALLOWED.keySet().stream().sorted().toList()));
            }
            String value = header.getValue() == null ? "" : header.getValue();
            if (!values.isEmpty() && !values.contains(value)) {
                throw new WebConfigException(key + ": expected one of " + String.join(", ", values));
            }
            if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new WebConfigException(key + ": control characters are not allowed in a header value");
            }
            checked.put(header.getKey(), value);
        }
        return checked;
    }
}
