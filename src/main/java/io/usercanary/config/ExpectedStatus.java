package io.usercanary.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A status list: the codes a response may have; empty means any 2xx. Written {@code status} (the documented
 * name) or {@code expectStatus}, as one code or a list, in checks' {@code expect} and in exchange and provision requests.
 */
final class ExpectedStatus {
    static final String NAME = "status";
    static final String ALIAS = "expectStatus";

    private ExpectedStatus() {}

    /** The list given under either spelling; both at once is an error naming the second. */
    static List<Integer> read(JsonNode status, JsonNode expectStatus) {
        boolean hasStatus = given(status);
        boolean hasAlias = given(expectStatus);
        if (hasStatus && hasAlias) {
            throw new InvalidConfigException(ALIAS, "give status or expectStatus (the same list), not both");
        }
        return hasStatus ? codes(NAME, status) : hasAlias ? codes(ALIAS, expectStatus) : List.of();
    }

    private static boolean given(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static List<Integer> codes(String key, JsonNode node) {
        if (!node.isArray()) {
            return List.of(code(ConfigPath.of(key), node));
        }
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            codes.add(code(ConfigPath.of(key, i), node.get(i)));
        }
        return List.copyOf(codes);
    }

    private static int code(ConfigPath where, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidConfigException(where, node.isContainerNode()
                    ? "expected a status code like 200 or a list like [200, 201]" : "expected a whole number");
        }
        int code = node.intValue();
        if (code < 100 || code > 599) {
            throw new InvalidConfigException(where, code + " is not an HTTP status code");
        }
        return code;
    }

    static List<Integer> validate(String key, List<Integer> codes) {
        List<Integer> list = Checks.list(key, codes);
        for (int i = 0; i < list.size(); i++) {
            int code = list.get(i);
            if (code < 100 || code > 599) {
                throw new InvalidConfigException(ConfigPath.of(key, i), code + " is not an HTTP status code");
            }
        }
        return list;
    }

    static boolean accepts(List<Integer> codes, int code) {
        return codes.isEmpty() ? code >= 200 && code < 300 : codes.contains(code);
    }

    /** For details such as {@code expected status 2xx, got 401}. */
    static String describe(List<Integer> codes) {
        return codes.isEmpty() ? "2xx" : codes.size() == 1 ? codes.get(0).toString() : codes.toString();
    }
}
