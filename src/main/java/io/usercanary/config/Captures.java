package io.usercanary.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which check captures each name, so a check may use {@code {{capture.x}}} only when an earlier check captures x. */
final class Captures {
    static final String PREFIX = "capture.";

    private final List<CheckConfig> checks;
    private final Map<String, Integer> capturedBy = new HashMap<>();

    /** Refuses a name captured by two checks. */
    Captures(List<CheckConfig> checks) {
        this.checks = checks;
        for (int i = 0; i < checks.size(); i++) {
            for (String name : checks.get(i).capture().keySet()) {
                Integer first = capturedBy.putIfAbsent(name, i);
                if (first != null) {
                    throw new InvalidConfigException(ConfigPath.of("checks", i, "capture", name), "'" + name
                            + "' is already captured by checks[" + first + "] (" + checks.get(first).name() + ")");
                }
            }
        }
    }

    /** The placeholders check {@code index} may use: {@code request}'s and the captures of the checks before it. */
    TemplateScope scopeFor(int index, TemplateScope request) {
        Set<String> tokens = new HashSet<>(request.tokens());
        capturedBy.forEach((name, by) -> {
            if (by < index) {
                tokens.add(PREFIX + name);
            }
        });
        return new TemplateScope(Set.copyOf(tokens), request.accounts(), name -> whyUnavailable(name, index));
    }

    /** Why {@code {{capture.name}}} cannot be used here, for the error message. */
    private String whyUnavailable(String name, int index) {
        Integer by = capturedBy.get(name);
        if (by != null && by == index) {
            return "{{" + PREFIX + name + "}} is captured by this check itself: only later checks can use it";
        }
        if (by == null) {
            return "{{" + PREFIX + name + "}} is not captured by any check (add capture: { " + name
                    + ": { json: /pointer } } to an earlier check)";
        }
        return "{{" + PREFIX + name + "}} is captured by checks[" + by + "] (" + checks.get(by).name()
                + "), which runs after this one: checks run in order, so move it earlier";
    }
}
