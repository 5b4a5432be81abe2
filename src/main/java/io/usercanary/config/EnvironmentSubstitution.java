package io.usercanary.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in every string value; {@code $${} stays a literal {@code ${}.
 * Strict, an unset variable is an error; lenient (for {@code validate}), it stays as written and is listed in {@link #unset()}.
 */
final class EnvironmentSubstitution {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> environment;
    private final String fileName;
    private final YamlLines lines;
    private final boolean lenient;
    private final Map<ConfigPath, String> unset = new LinkedHashMap<>();

    EnvironmentSubstitution(Map<String, String> environment, String fileName, YamlLines lines, boolean lenient) {
        this.environment = environment;
        this.fileName = fileName;
        this.lines = lines;
        this.lenient = lenient;
    }

    /** Where a variable was unset (lenient only), and its name: the first one at each place. */
    Map<ConfigPath, String> unset() {
        return unset;
    }

    /** The error a strict load gives for an unset variable at {@code at}. */
    ConfigException unsetError(ConfigPath at, String variable) {
        return ConfigException.at(fileName, lines.lineOf(at), at,
                "environment variable " + variable + " is not set (write ${" + variable + ":-default} for a default)");
    }

    void apply(JsonNode root) throws ConfigException {
        walk(root, new ArrayList<>());
    }

    private void walk(JsonNode node, List<Object> path) throws ConfigException {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                path.add(name);
                if (child.isTextual()) {
                    object.set(name, TextNode.valueOf(substitute(child.asText(), path)));
                } else {
                    walk(child, path);
                }
                path.remove(path.size() - 1);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                path.add(i);
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(substitute(array.get(i).asText(), path)));
                } else {
                    walk(array.get(i), path);
                }
                path.remove(path.size() - 1);
            }
        }
    }

    private String substitute(String text, List<Object> path) throws ConfigException {
        if (!text.contains("${")) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else {
                String value = environment.get(m.group(1));
                if (value == null || value.isEmpty()) {
                    value = m.group(2);
                }
                if (value == null && lenient) {
                    unset.putIfAbsent(new ConfigPath(path), m.group(1));
                    value = m.group();
                } else if (value == null) {
                    throw unsetError(new ConfigPath(path), m.group(1));
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
