package io.usercanary.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** A config value parsed from one string and known by it: printed, written back and compared as its source text. */
abstract class ConfigText {
    private final String source;

    ConfigText(String source) {
        this.source = source;
    }

    /** The text as the config wrote it. */
    @JsonValue
    public final String source() {
        return source;
    }

    @Override
    public final String toString() {
        return source;
    }

    /** Equal when of the same kind and written the same. */
    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((ConfigText) other).source.equals(source);
    }

    @Override
    public final int hashCode() {
        return source.hashCode();
    }
}
