package io.usercanary.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Small validation helpers shared by the config records; every failure names its key. */
final class Checks {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private Checks() {}

    static <T> T required(String key, T value) {
        if (value == null) {
            throw new InvalidConfigException(key, "is required");
        }
        return value;
    }

    static String notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(key, "is required");
        }
        return value;
    }

    static String label(String key, String value) {
        notBlank(key, value);
        if (!LABEL.matcher(value).matches()) {
            throw new InvalidConfigException(key, "'" + value + "' is not a label: use lower-case letters, digits, '_' and '-'");
        }
        return value;
    }

    static String httpMethod(String key, String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!TOKEN.matcher(value).matches()) {
            throw new InvalidConfigException(key, "'" + value + "' is not an HTTP method");
        }
        return value.toUpperCase();
    }

    static void headerName(ConfigPath where, String name) {
        if (!TOKEN.matcher(name).matches()) {
            throw new InvalidConfigException(where, "'" + name + "' is not a valid HTTP header name");
        }
    }

    /** An ordered, unmodifiable copy; a key given without a value is an error. */
    static <V> Map<String, V> map(String key, Map<String, V> value) {
        if (value == null) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>();
        value.forEach((k, v) -> {
            if (v == null) {
                throw new InvalidConfigException(ConfigPath.of(key, k), "has no value");
            }
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    static <T> List<T> list(String key, List<T> value) {
        if (value == null) {
            return List.of();
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                throw new InvalidConfigException(ConfigPath.of(key, i), "is empty");
            }
        }
        return List.copyOf(value);
    }

    static Map<String, Template> headers(String key, Map<String, Template> value) {
        Map<String, Template> headers = map(key, value);
        headers.keySet().forEach(name -> headerName(ConfigPath.of(key, name), name));
        return headers;
    }
}
