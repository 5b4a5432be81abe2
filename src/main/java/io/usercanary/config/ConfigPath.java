package io.usercanary.config;

import java.util.ArrayList;
import java.util.List;

/** A location inside the YAML document: keys and list indexes, rendered as {@code accounts[1].vars}. */
public record ConfigPath(List<Object> segments) {
    public static final ConfigPath ROOT = new ConfigPath(List.of());

    public ConfigPath {
        segments = List.copyOf(segments);
    }

    public static ConfigPath of(Object... segments) {
        return new ConfigPath(List.of(segments));
    }

    public ConfigPath resolve(ConfigPath child) {
        List<Object> all = new ArrayList<>(segments);
        all.addAll(child.segments);
        return new ConfigPath(all);
    }

    public ConfigPath parent() {
        return segments.isEmpty() ? this : new ConfigPath(segments.subList(0, segments.size() - 1));
    }

    /** The JSON Pointer of this location in the parsed YAML tree. */
    public String pointer() {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            out.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer) {
                out.append('[').append(segment).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(segment);
            }
        }
        return out.length() == 0 ? "(top level)" : out.toString();
    }
}
