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
            throw new InvalidConfigException(key, quoted(value) + " is not a label: use lower-case letters, digits, '_' and '-'");
        }
        return value;
    }

    static String httpMethod(String key, String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!TOKEN.matcher(value).matches()) {
            throw new InvalidConfigException(key, quoted(value) + " is not an HTTP method");
        }
        return value.toUpperCase();
    }

    static void headerName(ConfigPath where, String name) {
        if (!TOKEN.matcher(name).matches()) {
            throw new InvalidConfigException(where, quoted(name) + " is not a valid HTTP header name");
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
        headers.forEach((name, template) -> {
            headerName(ConfigPath.of(key, name), name);
            headerValue(ConfigPath.of(key, name), template.source());
        });
        return headers;
    }

    /** A header value: one line, no control characters but tab (HTTP allows it there). */
    static String headerValue(ConfigPath where, String value) {
        return noControlCharacters(where, value, "\t", "a header value is one line");
    }

    /** A request path: no control characters at all (they would end the request line). */
    static Template requestPath(String key, Template path) {
        required(key, path);
        noControlCharacters(ConfigPath.of(key), path.source(), "", "a path is one line of printable text");
        return path;
    }

    /** A request body may span lines; other control characters are refused. */
    static Template body(String key, Template body) {
        if (body != null) {
            noControlCharacters(ConfigPath.of(key), body.source(), "\t\n\r", "a body holds text");
        }
        return body;
    }

    static String noControlCharacters(ConfigPath where, String value, String allowed, String why) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 || c == 0x7f) && allowed.indexOf(c) < 0) {
                String what = c == '\r' || c == '\n' ? "a line break (" + (c == '\r' ? "CR" : "LF") + ")"
                        : String.format("the control character U+%04X", (int) c);
                throw new InvalidConfigException(where, "contains " + what + " at character " + (i + 1) + "; " + why);
            }
        }
        return value;
    }

    /** A value quoted for an error message: control characters escaped, cut short, so the message stays one line. */
    static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(value.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (value.length() > limit) {
            out.append("…");
        }
        return out.append('\'').toString();
    }
}
