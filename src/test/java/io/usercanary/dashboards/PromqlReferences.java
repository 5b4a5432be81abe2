package io.usercanary.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The metric names, label matchers and grouping labels a PromQL expression refers to.
 *
 * <p>Found by a small scanner, not a parser: it skips strings, numbers, durations, {@code [...]} ranges,
 * Grafana variables ({@code $x}, {@code ${x}}) and comments; an identifier followed by {@code (} is a
 * function or aggregation; the words after {@code by/without/on/ignoring/group_left/group_right} in
 * parentheses are grouping labels; any other identifier is a metric name, with its {@code {...}}
 * matchers. Limits: it does not check syntax; a metric named like a keyword or an aggregation ({@code on},
 * {@code offset}, {@code sum}...) is not seen; labels created by {@code label_replace}/{@code label_join} show up as
 * grouping labels of no metric; {@code @} modifiers and subquery steps are skipped, not checked; a
 * grouping label is not tied to the selector it applies to.
 */
public record PromqlReferences(List<Selector> selectors, Set<String> groupingLabels) {

    /** One label matcher, e.g. {@code outcome!~"ok|slow"}. */
    public record Matcher(String label, String op, String value) {}

    /** A series selector; {@code metric} is empty for a bare {@code {...}} without {@code __name__}. */
    public record Selector(String metric, List<Matcher> matchers) {
        public Set<String> labels() {
            Set<String> labels = new LinkedHashSet<>();
            matchers.forEach(m -> labels.add(m.label()));
            labels.remove("__name__");
            return labels;
        }
    }

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    /** Operators and aggregations; an aggregation may be followed by "by (...)" before its parenthesis. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan",
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");

    public PromqlReferences {
        selectors = List.copyOf(selectors);
        groupingLabels = Set.copyOf(groupingLabels);
    }

    public static PromqlReferences of(String expr) {
        return new Scanner(expr).scan();
    }

    /** Metric names in order of first appearance. */
    public Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        selectors.forEach(s -> names.add(s.metric()));
        names.remove("");
        return names;
    }

    private static final class Scanner {
        private final String s;
        private int i;
        private final List<Selector> selectors = new ArrayList<>();
        private final Set<String> grouping = new LinkedHashSet<>();

        Scanner(String s) {
            this.s = s;
        }

        PromqlReferences scan() {
            while (skipSpace()) {
                char c = s.charAt(i);
                if (c == '#') {
                    while (i < s.length() && s.charAt(i) != '\n') i++;
                } else if (c == '"' || c == '\'' || c == '`') {
                    string();
                } else if (c == '$') {
                    variable();
                } else if (c == '[') {
                    while (i < s.length() && s.charAt(i) != ']') i++;
                    i++;
                } else if (c == '{') {
                    selector("");
                } else if (Character.isDigit(c) || c == '.') {
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
                } else if (isIdentStart(c)) {
                    identifier();
                } else {
                    i++;
                }
            }
            return new PromqlReferences(selectors, grouping);
        }

        private void identifier() {
            String word = word();
            boolean call = skipSpace() && s.charAt(i) == '(';
            if (GROUPING.contains(word)) {
                if (call) {
                    labelList();
                }
            } else if (call || KEYWORDS.contains(word.toLowerCase())) {
                // a function, an aggregation or an operator: its arguments are scanned as usual
            } else if (skipSpace() && s.charAt(i) == '{') {
                selector(word);
            } else {
                selectors.add(new Selector(word, List.of()));
            }
        }

        private void selector(String metric) {
            i++; // {
            List<Matcher> matchers = new ArrayList<>();
            while (skipSpace() && s.charAt(i) != '}') {
                if (s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                String label = isIdentStart(s.charAt(i)) ? word() : "";
                skipSpace();
                int opStart = i;
                while (i < s.length() && "=!~".indexOf(s.charAt(i)) >= 0) i++;
                String op = s.substring(opStart, i);
                skipSpace();
                if (label.isEmpty() || op.isEmpty() || i >= s.length() || "\"'`".indexOf(s.charAt(i)) < 0) {
                    throw new IllegalArgumentException("cannot read the label matcher at offset " + opStart + " of: " + s);
                }
                matchers.add(new Matcher(label, op, string()));
            }
            i++; // }
            String name = metric;
            if (name.isEmpty()) {
                name = matchers.stream().filter(m -> m.label().equals("__name__") && m.op().equals("="))
                        .map(Matcher::value).findFirst().orElse("");
            }
            selectors.add(new Selector(name, matchers));
        }

        private void labelList() {
            i++; // (
            while (skipSpace() && s.charAt(i) != ')') {
                if (isIdentStart(s.charAt(i))) {
                    grouping.add(word());
                } else {
                    i++;
                }
            }
            i++; // )
        }

        private void variable() {
            i++; // $
            if (i < s.length() && s.charAt(i) == '{') {
                while (i < s.length() && s.charAt(i) != '}') i++;
                i++;
            } else {
                word();
            }
        }

        /** Reads a quoted string and returns its content, with \" and \\ unescaped. */
        private String string() {
            char quote = s.charAt(i++);
            StringBuilder out = new StringBuilder();
            while (i < s.length() && s.charAt(i) != quote) {
                char c = s.charAt(i++);
                if (c == '\\' && quote != '`' && i < s.length()) {
                    c = s.charAt(i++);
                }
                out.append(c);
            }
            i++; // closing quote
            return out.toString();
        }

        private String word() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) i++;
            return s.substring(start, i);
        }

        /** Skips white space; false at the end of the text. */
        private boolean skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            return i < s.length();
        }

        private static boolean isIdentStart(char c) {
            return Character.isLetter(c) || c == '_' || c == ':';
        }
    }
}
