package io.usercanary.config;

import java.util.List;

/** An {@code expectStatus} list: the codes a request may answer with; empty means any 2xx. */
final class ExpectedStatus {
    private ExpectedStatus() {}

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
        return codes.isEmpty() ? "2xx" : codes.toString();
    }
}
