package io.usercanary.config;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * What YAML allows but a config must not hold, refused before anything is bound: anchors and aliases (Jackson
 * reads {@code *e} as the text "e", and they are how alias bombs grow), a second document, deep nesting.
 * Read from SnakeYAML's events, which Jackson's parser does not fully expose (it drops anchors on scalars).
 */
final class YamlRestrictions {
    static final int MAX_DEPTH = 100;

    /** One open mapping or list while walking the events: where the next node goes. */
    private static final class Frame {
        final boolean mapping;
        int index = -1;
        Object key;
        boolean expectingKey = true;

        Frame(boolean mapping) {
            this.mapping = mapping;
        }
    }

    private YamlRestrictions() {}

    /** Throws the first problem found; a syntax error is left to Jackson's parser, which reports it. */
    static void check(String yaml, String fileName) throws ConfigException {
        Deque<Frame> open = new ArrayDeque<>();
        int documents = 0;
        try {
            for (Event event : new Yaml(new LoaderOptions()).parse(new StringReader(yaml))) {
                int line = event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
                if (event instanceof DocumentStartEvent && ++documents > 1) {
                    throw ConfigException.at(fileName, line, ConfigPath.ROOT,
                            "a second YAML document (after ---) is not allowed: one file holds one config");
                }
                if (event instanceof CollectionEndEvent) {
                    open.pop();
                    continue;
                }
                if (!(event instanceof NodeEvent node)) {
                    continue;
                }
                boolean isKey = !open.isEmpty() && open.peek().mapping && open.peek().expectingKey;
                ConfigPath path = place(open, isKey ? scalarText(event) : null);
                if (event instanceof AliasEvent) {
                    throw ConfigException.at(fileName, line, path,
                            "YAML aliases (*" + node.getAnchor() + ") are not allowed: write the value out");
                }
                if (node.getAnchor() != null) {
                    throw ConfigException.at(fileName, line, path,
                            "YAML anchors (&" + node.getAnchor() + ") are not allowed: write each value out where it is used");
                }
                advance(open, event);
                if (event instanceof CollectionStartEvent) {
                    open.push(new Frame(event instanceof MappingStartEvent));
                    if (open.size() > MAX_DEPTH) {
                        ConfigPath top = path.segments().isEmpty() ? path : ConfigPath.of(path.segments().get(0));
                        throw ConfigException.at(fileName, line, top, "nested deeper than " + MAX_DEPTH + " levels");
                    }
                }
            }
        } catch (YAMLException e) {
            // not valid YAML: Jackson reports it the same way as ever
        }
    }

    private static String scalarText(Event event) {
        return event instanceof ScalarEvent scalar ? scalar.getValue() : "?";
    }

    /** The place of the node about to be read: its key (a key's own place is the key) or its list index. */
    private static ConfigPath place(Deque<Frame> open, String key) {
        List<Object> segments = new ArrayList<>();
        for (var it = open.descendingIterator(); it.hasNext(); ) {
            Frame frame = it.next();
            boolean innermost = !it.hasNext();
            if (frame.mapping) {
                Object k = innermost && key != null ? key : frame.key;
                if (k != null) {
                    segments.add(k);
                }
            } else {
                segments.add(Math.max(innermost ? frame.index + 1 : frame.index, 0));
            }
        }
        return new ConfigPath(segments);
    }

    /** A node was read in the innermost collection: a key, a value, or the next list item. */
    private static void advance(Deque<Frame> open, Event event) {
        if (open.isEmpty()) {
            return;
        }
        Frame frame = open.peek();
        if (frame.mapping) {
            if (frame.expectingKey) {
                frame.key = scalarText(event);
            }
            frame.expectingKey = !frame.expectingKey;
        } else {
            frame.index++;
        }
    }
}
