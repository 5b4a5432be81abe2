package io.usercanary.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A seeded canary account. {@code name} is the label everywhere; the email never is. */
public record AccountConfig(
        String name,
        String email,
        Secret password,
        Path passwordFile,
        LoginMethod login,
        String uid,
        String cohort,
        Map<String, String> vars,
        Map<String, Expectation> expect,
        EphemeralConfig ephemeral,
        List<RequestSpec> provision) {

    /** The cohort of an account whose cohort is neither configured nor derived yet (no lookup has run). */
    public static final String UNKNOWN_COHORT = "unknown";

    public AccountConfig {
        Checks.label("name", name);
        login = login == null ? LoginMethod.PASSWORD : login;
        if (password != null && passwordFile != null) {
            throw new InvalidConfigException("passwordFile", "give either password or passwordFile, not both");
        }
        if (passwordFile != null) {
            password = readPasswordFile(passwordFile);
        }
        if (login == LoginMethod.PASSWORD) {
            Checks.notBlank("email", email);
            if (password == null) {
                throw new InvalidConfigException("password", "is required (or passwordFile, or login: customToken with a uid)");
            }
            if (password.isEmpty()) {
                throw new InvalidConfigException("password", "is empty");
            }
        } else {
            Checks.notBlank("uid", uid);
        }
        if (cohort != null) {
            Checks.label("cohort", cohort);
        }
        if (email != null) {
            Checks.noControlCharacters(ConfigPath.of("email"), email, "", "an email address is one line");
        }
        vars = Checks.map("vars", vars);
        vars.forEach((key, value) -> Checks.noControlCharacters(ConfigPath.of("vars", key), value, "\t",
                "a var may be filled into a header or path, where it must be one line"));
        expect = Checks.map("expect", expect);
        provision = Checks.list("provision", provision);
    }

    /**
     * The one rule for an account's cohort: the configured one, else {@code derived} (from its age at the last
     * lookup: the probe's account state, or the latest result a page reads), else {@link #UNKNOWN_COHORT}.
     */
    public String cohortOr(String derived) {
        if (cohort != null) {
            return cohort;
        }
        return derived == null || derived.isBlank() ? UNKNOWN_COHORT : derived;
    }

    /** The {@code {{account.*}}} values this account provides. */
    public String var(String key) {
        return switch (key) {
            case "name" -> name;
            case "email" -> email;
            case "uid" -> uid;
            default -> vars.get(key);
        };
    }

    private static Secret readPasswordFile(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return Secret.of(content.strip());
        } catch (IOException e) {
            throw new InvalidConfigException("passwordFile", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
