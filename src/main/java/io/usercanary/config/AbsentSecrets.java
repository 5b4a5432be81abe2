package io.usercanary.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * For {@code validate} only: turns secrets that are not on this machine into warnings. An unset variable stays as
 * written; an unreadable {@code passwordFile} is replaced by a placeholder password, so everything else is still checked.
 */
final class AbsentSecrets {
    static final String PLACEHOLDER = "‹not read by validate›";

    private final String fileName;
    private final YamlLines lines;
    private final List<String> warnings = new ArrayList<>();

    AbsentSecrets(String fileName, YamlLines lines) {
        this.fileName = fileName;
        this.lines = lines;
    }

    List<String> warnings() {
        return warnings;
    }

    void apply(JsonNode tree, Map<ConfigPath, String> unset) {
        unset.forEach((at, variable) -> warn(at, "environment variable " + variable + " is not set here; needed at run time"));
        JsonNode accounts = tree.get("accounts");
        if (accounts == null || !accounts.isArray()) {
            return;
        }
        for (int i = 0; i < accounts.size(); i++) {
            if (accounts.get(i) instanceof ObjectNode account && account.path("passwordFile").isTextual()
                    && !account.has("password")) {
                ConfigPath at = ConfigPath.of("accounts", i, "passwordFile");
                String file = account.get("passwordFile").asText();
                if (unset.containsKey(at)) {
                    replace(account);
                } else if (!readable(file)) {
                    warn(at, file + " is not readable here; needed at run time");
                    replace(account);
                }
            }
        }
    }

    private static boolean readable(String file) {
        try {
            Path path = Path.of(file);
            return Files.isRegularFile(path) && Files.isReadable(path);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static void replace(ObjectNode account) {
        account.remove("passwordFile");
        account.put("password", PLACEHOLDER);
    }

    private void warn(ConfigPath at, String problem) {
        warnings.add(ConfigException.at(fileName, lines.lineOf(at), at, problem).getMessage());
    }
}
