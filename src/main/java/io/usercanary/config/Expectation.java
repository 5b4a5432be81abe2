package io.usercanary.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check's response must hold. {@code status} null means any 2xx.
 * {@code notEmpty}/{@code minItems} failing is {@code empty}; {@code equals}/{@code headers} failing is {@code mismatch}.
 */
public record Expectation(
        Integer status,
        List<String> notEmpty,
        Map<String, Integer> minItems,
        Map<String, Template> equals,
        Map<String, String> headers) {

    public static final Expectation ANY_2XX = new Expectation(null, null, null, null, null);

    public Expectation {
        if (status != null && (status < 100 || status > 599)) {
            throw new InvalidConfigException("status", status + " is not an HTTP status code");
        }
        notEmpty = Checks.list("notEmpty", notEmpty);
        for (int i = 0; i < notEmpty.size(); i++) {
            JsonPointers.check(ConfigPath.of("notEmpty", i), notEmpty.get(i));
        }
        minItems = Checks.map("minItems", minItems);
        minItems.forEach((pointer, min) -> {
            JsonPointers.check(ConfigPath.of("minItems", pointer), pointer);
            if (min < 0) {
                throw new InvalidConfigException(ConfigPath.of("minItems", pointer), "must be 0 or more");
            }
        });
        equals = Checks.map("equals", equals);
        equals.keySet().forEach(pointer -> JsonPointers.check(ConfigPath.of("equals", pointer), pointer));
        headers = Checks.map("headers", headers);
        headers.keySet().forEach(name -> Checks.headerName(ConfigPath.of("headers", name), name));
    }

    /** This expectation with an account's additions: lists add up, map entries and status are overridden. */
    public Expectation plus(Expectation more) {
        List<String> allNotEmpty = new ArrayList<>(notEmpty);
        more.notEmpty.stream().filter(p -> !allNotEmpty.contains(p)).forEach(allNotEmpty::add);
        return new Expectation(
                more.status != null ? more.status : status,
                allNotEmpty,
                merged(minItems, more.minItems),
                merged(equals, more.equals),
                merged(headers, more.headers));
    }

    /** True when the status is acceptable: the configured one, or any 2xx when none is. */
    public boolean acceptsStatus(int code) {
        return status == null ? code >= 200 && code < 300 : status == code;
    }

    private static <V> Map<String, V> merged(Map<String, V> base, Map<String, V> more) {
        Map<String, V> out = new LinkedHashMap<>(base);
        out.putAll(more);
        return out;
    }
}
