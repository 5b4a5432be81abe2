package io.usercanary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string with {@code {{placeholder}}} parts filled per request: {@code {{idToken}}}, {@code {{jwt}}},
 * {@code {{account.name}}}, {@code {{account.email}}}, {@code {{account.<var>}}}.
 */
public final class Template extends ConfigText {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");

    private final List<Object> parts; // String literals and Placeholder names
    private final Set<String> placeholders;

    private record Placeholder(String name) {}

    private Template(String source) {
        super(source);
        List<Object> parsed = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(source);
        int last = 0;
        while (m.find()) {
            parsed.add(source.substring(last, m.start()));
            parsed.add(new Placeholder(m.group(1)));
            names.add(m.group(1));
            last = m.end();
        }
        String tail = source.substring(last);
        if (tail.contains("{{")) {
            throw new IllegalArgumentException("'{{' without a matching '}}' or with an invalid name");
        }
        parsed.add(tail);
        this.parts = List.copyOf(parsed);
        this.placeholders = Set.copyOf(names);
    }

    @JsonCreator
    public static Template of(String source) {
        return new Template(source);
    }

    /** Placeholder names used, such as {@code jwt} or {@code account.marker}. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /** Fills every placeholder; {@code escape} is applied to the filled-in values only (e.g. JSON string escaping). */
    public String render(Function<String, String> values, Function<String, String> escape) {
        StringBuilder out = new StringBuilder(source().length() + 64);
        for (Object part : parts) {
            if (part instanceof Placeholder placeholder) {
                String value = values.apply(placeholder.name());
                if (value == null) {
                    throw new IllegalStateException("no value for {{" + placeholder.name() + "}}; config validation missed it");
                }
                out.append(escape.apply(value));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    public String render(Function<String, String> values) {
        return render(values, Function.identity());
    }
}
