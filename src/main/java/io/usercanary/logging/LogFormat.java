package io.usercanary.logging;

import java.util.Locale;

/**
 * The log format in use, switchable at any time (no logback reconfiguration). Starts from the system
 * property {@code usercanary.log.format} or the environment variable {@code USERCANARY_LOG_FORMAT}.
 */
public enum LogFormat {
    TEXT, JSON;

    public static final String ENV = "USERCANARY_LOG_FORMAT";
    private static volatile LogFormat current = initial();

    public static LogFormat current() {
        return current;
    }

    public static void use(LogFormat format) {
        current = format;
    }

    /** {@code text} or {@code json}, any case; anything else is an {@link IllegalArgumentException} naming both. */
    public static LogFormat parse(String value) {
        for (LogFormat format : values()) {
            if (format.name().equalsIgnoreCase(value.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a log format: use text or json");
    }

    private static LogFormat initial() {
        String value = System.getProperty("usercanary.log.format", System.getenv(ENV));
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            return TEXT;
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
