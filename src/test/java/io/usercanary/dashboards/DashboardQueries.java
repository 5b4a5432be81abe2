package io.usercanary.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every PromQL expression the project ships: dashboard panel targets, dashboard annotations, the series
 * selectors inside the dashboard's {@code label_values(...)} variables, and the rule expressions of
 * {@code dashboards/alerts.yml}.
 *
 * <p>For checks against a live scrape and a real Prometheus: {@link Query#rendered()} replaces the
 * Grafana variables with values that select everything.
 */
public final class DashboardQueries {
    private DashboardQueries() {}

    /** Where an expression comes from. */
    public enum Source { DASHBOARD, RULES }

    /** One expression; {@code where} names it for messages ("panel 'p95 duration per step' A", "rule UsercanaryMismatch"). */
    public record Query(Source source, String where, String expr) {
        /** The expression with Grafana variables replaced by {@link #DEFAULT_VARIABLES}. */
        public String rendered() {
            return render(expr, DEFAULT_VARIABLES);
        }

        public PromqlReferences references() {
            return PromqlReferences.of(expr);
        }

        @Override
        public String toString() {
            return source + " " + where;
        }
    }

    /** Values for the dashboard's variables and Grafana's built-ins that select everything. */
    public static final Map<String, String> DEFAULT_VARIABLES = Map.of(
            "environment", ".*", "location", ".*", "cohort", ".*", "account", ".*",
            "__rate_interval", "1m", "__interval", "15s", "__range", "1h", "datasource", "prometheus");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL);

    public static List<Query> all() {
        List<Query> all = new ArrayList<>(dashboard());
        all.addAll(rules());
        return List.copyOf(all);
    }

    public static List<Query> dashboard() {
        JsonNode dashboard = readJson(dashboardJson());
        List<Query> queries = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                String definition = variable.path("definition").asText();
                Matcher m = LABEL_VALUES.matcher(definition);
                if (!m.matches()) {
                    throw new IllegalStateException("variable " + variable.path("name").asText()
                            + " is not label_values(selector, label): " + definition);
                }
                queries.add(new Query(Source.DASHBOARD, "variable " + variable.path("name").asText(), m.group(1).trim()));
            }
        }
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            if (annotation.hasNonNull("expr")) {
                queries.add(new Query(Source.DASHBOARD, "annotation '" + annotation.path("name").asText() + "'",
                        annotation.path("expr").asText()));
            }
        }
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(Source.DASHBOARD,
                        "panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("expr").asText()));
            }
        }
        return List.copyOf(queries);
    }

    public static List<Query> rules() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode rule : ruleNodes()) {
            String name = rule.hasNonNull("alert") ? rule.path("alert").asText() : rule.path("record").asText();
            queries.add(new Query(Source.RULES, "rule " + name, rule.path("expr").asText()));
        }
        return List.copyOf(queries);
    }

    /** Names of the series that alerts.yml records: not scraped from the daemon. */
    public static Set<String> recordedNames() {
        Set<String> names = new LinkedHashSet<>();
        ruleNodes().stream().filter(r -> r.hasNonNull("record")).forEach(r -> names.add(r.path("record").asText()));
        return names;
    }

    /** Every rule of every group of alerts.yml, in file order. */
    public static List<JsonNode> ruleNodes() {
        List<JsonNode> rules = new ArrayList<>();
        readYaml(alertsYml()).path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    /** All panels, including those nested in collapsed rows, in file order. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Replaces {@code $name} and {@code ${name}}; an unknown variable is an error, so a new one is noticed. */
    public static String render(String expr, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = variables.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for variable $" + name + " in: " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static Path dashboardJson() {
        return dashboardsDir().resolve("usercanary.json");
    }

    public static Path alertsYml() {
        return dashboardsDir().resolve("alerts.yml");
    }

    public static Path alertsTestYml() {
        return dashboardsDir().resolve("alerts.test.yml");
    }

    /** {@code dashboards/} of the project, found from the working directory upwards. */
    public static Path dashboardsDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("dashboards/usercanary.json"))) {
                return dir.resolve("dashboards");
            }
        }
        throw new IllegalStateException("no dashboards/usercanary.json above " + Path.of("").toAbsolutePath());
    }

    static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readYaml(Path file) {
        try {
            return new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
