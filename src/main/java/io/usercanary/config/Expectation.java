package io.usercanary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check's response must hold. Failing {@code notEmpty}, {@code minItems} or {@code atLeast} is {@code empty};
 * failing {@code equals}, {@code headers}, {@code absent} or {@code matches} is {@code mismatch}.
 *
 * @param status the one accepted code, or null when any 2xx or several codes are accepted (see {@code statuses})
 * @param notEmpty pointers that must be present and a non-empty array, object or string
 * @param minItems pointer → at least this many array items or object keys
 * @param equals pointer → the value it must equal (account templates filled in)
 * @param headers response header → the value it must equal
 * @param statuses the accepted status codes; empty means any 2xx
 * @param absent pointers that must not exist in the response (a GraphQL {@code errors} array, a "deleted" flag)
 * @param atLeast pointer → the number it must be at least (below it is {@code empty}; a non-number {@code invalid_payload})
 * @param matches pointer → a regular expression the string there must contain (anchor it for the whole value);
 *     a number or missing value is {@code mismatch}
 */
public record Expectation(
        Integer status,
        List<String> notEmpty,
        Map<String, Integer> minItems,
        Map<String, Template> equals,
        Map<String, String> headers,
        @JsonIgnore List<Integer> statuses,
        List<String> absent,
        Map<String, BigDecimal> atLeast,
        Map<String, Regex> matches) {

    public static final Expectation ANY_2XX = new Expectation(null, null, null, null, null);

    public Expectation {
        statuses = statuses == null || statuses.isEmpty()
                ? (status == null ? List.of() : List.of(status))
                : ExpectedStatus.validate(ExpectedStatus.NAME, statuses);
        if (status != null && !statuses.equals(List.of(status))) {
            throw new IllegalArgumentException("status " + status + " and statuses " + statuses + " disagree");
        }
        status = statuses.size() == 1 ? statuses.get(0) : null;
        notEmpty = pointers("notEmpty", notEmpty);
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
        headers.forEach((name, value) -> {
            Checks.headerName(ConfigPath.of("headers", name), name);
            Checks.headerValue(ConfigPath.of("headers", name), value);
        });
        absent = pointers("absent", absent);
        atLeast = Checks.map("atLeast", atLeast);
        atLeast.keySet().forEach(pointer -> JsonPointers.check(ConfigPath.of("atLeast", pointer), pointer));
        matches = Checks.map("matches", matches);
        matches.keySet().forEach(pointer -> JsonPointers.check(ConfigPath.of("matches", pointer), pointer));
    }

    /** The shape before {@code statuses}, {@code absent}, {@code atLeast} and {@code matches}: none of those. */
    public Expectation(Integer status, List<String> notEmpty, Map<String, Integer> minItems,
            Map<String, Template> equals, Map<String, String> headers) {
        this(status, notEmpty, minItems, equals, headers, null, null, null, null);
    }

    /** Binds {@code expect:}; {@code status} and {@code expectStatus} are one list under two names. */
    @JsonCreator
    static Expectation fromYaml(
            @JsonProperty("status") JsonNode status,
            @JsonProperty("expectStatus") JsonNode expectStatus,
            @JsonProperty("notEmpty") List<String> notEmpty,
            @JsonProperty("minItems") Map<String, Integer> minItems,
            @JsonProperty("equals") Map<String, Template> equals,
            @JsonProperty("headers") Map<String, String> headers,
            @JsonProperty("absent") List<String> absent,
            @JsonProperty("atLeast") Map<String, Object> atLeast,
            @JsonProperty("matches") Map<String, Regex> matches) {
        return new Expectation(null, notEmpty, minItems, equals, headers, ExpectedStatus.read(status, expectStatus),
                absent, numbers("atLeast", atLeast), matches);
    }

    /** This expectation with an account's additions: lists add up, map entries and the status list are overridden. */
    public Expectation plus(Expectation more) {
        return new Expectation(
                null,
                union(notEmpty, more.notEmpty),
                merged(minItems, more.minItems),
                merged(equals, more.equals),
                merged(headers, more.headers),
                more.statuses.isEmpty() ? statuses : more.statuses,
                union(absent, more.absent),
                merged(atLeast, more.atLeast),
                merged(matches, more.matches));
    }

    /** True when the status is acceptable: one of the configured ones, or any 2xx when none is. */
    public boolean acceptsStatus(int code) {
        return ExpectedStatus.accepts(statuses, code);
    }

    /** {@code 2xx}, the one code, or the listed codes: for details such as {@code expected status 2xx, got 401}. */
    public String expectedStatus() {
        return ExpectedStatus.describe(statuses);
    }

    private static List<String> pointers(String key, List<String> pointers) {
        List<String> list = Checks.list(key, pointers);
        for (int i = 0; i < list.size(); i++) {
            JsonPointers.check(ConfigPath.of(key, i), list.get(i));
        }
        return list;
    }

    private static Map<String, BigDecimal> numbers(String key, Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        values.forEach((pointer, value) -> {
            boolean finite = value instanceof Number n && !(n instanceof Double d && (d.isNaN() || d.isInfinite()))
                    && !(n instanceof Float f && (f.isNaN() || f.isInfinite()));
            if (!finite) {
                throw new InvalidConfigException(ConfigPath.of(key, pointer), (value == null ? "has no value"
                        : Checks.quoted(String.valueOf(value)) + " is not a number") + "; write it unquoted, like 1 or 0.5");
            }
            out.put(pointer, new BigDecimal(value.toString()));
        });
        return Collections.unmodifiableMap(out);
    }

    private static List<String> union(List<String> base, List<String> more) {
        List<String> all = new ArrayList<>(base);
        more.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return all;
    }

    private static <V> Map<String, V> merged(Map<String, V> base, Map<String, V> more) {
        Map<String, V> out = new LinkedHashMap<>(base);
        out.putAll(more);
        return out;
    }
}
