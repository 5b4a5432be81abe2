package io.usercanary.config;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The placeholders a template may use in one place of the config, checked against every account.
 * {@code captureProblem} explains a {@code {{capture.x}}} that is not in {@code tokens}.
 */
record TemplateScope(Set<String> tokens, List<AccountConfig> accounts, Function<String, String> captureProblem) {
    private static final String ACCOUNT = "account.";

    TemplateScope(Set<String> tokens, List<AccountConfig> accounts) {
        this(tokens, accounts, name -> "{{" + Captures.PREFIX + name + "}} can only be used in the path, headers and body"
                + " of a check after the one that captures it");
    }

    void check(ConfigPath where, Template template) {
        if (template == null) {
            return;
        }
        for (String name : template.placeholders()) {
            if (tokens.contains(name)) {
                continue;
            }
            if (name.startsWith(Captures.PREFIX)) {
                throw new InvalidConfigException(where, captureProblem.apply(name.substring(Captures.PREFIX.length())));
            }
            if (!name.startsWith(ACCOUNT)) {
                throw new InvalidConfigException(where, "unknown placeholder {{" + name + "}}; here you can use "
                        + allowed());
            }
            String key = name.substring(ACCOUNT.length());
            for (int i = 0; i < accounts.size(); i++) {
                if (accounts.get(i).var(key) == null) {
                    throw new InvalidConfigException(where, "{{" + name + "}} is not defined for account '"
                            + accounts.get(i).name() + "' (add vars: { " + key + ": ... } to accounts[" + i + "])");
                }
            }
        }
    }

    private String allowed() {
        StringBuilder out = new StringBuilder();
        tokens.stream().sorted().forEach(t -> out.append("{{").append(t).append("}}, "));
        return out.append("{{account.name}}, {{account.email}} and {{account.<var>}}").toString();
    }
}
