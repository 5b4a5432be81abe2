package io.usercanary.config;

import java.util.List;

/**
 * A config read the way {@code validate} reads it, without its secret values: what could not be checked on this
 * machine (an unset {@code ${VAR}}, an unreadable {@code passwordFile}) is a warning, one {@code file:line: key: problem}
 * line each. Never run this config: an unread secret holds a placeholder.
 */
public record ConfigValidation(CanaryConfig config, List<String> warnings) {
    public ConfigValidation {
        warnings = List.copyOf(warnings);
    }
}
