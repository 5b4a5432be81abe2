package io.usercanary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/** A value that must never be printed: passwords, API keys, tokens. {@code toString()} is redacted. */
public final class Secret {
    public static final String REDACTED = "‹redacted›";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value, for the one place that must send it over the wire. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return REDACTED;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
