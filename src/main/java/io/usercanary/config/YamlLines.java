package io.usercanary.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** The line of every key and list item in a YAML document, by JSON Pointer, so errors can name it. */
final class YamlLines {
    private final Map<String, Integer> lineByPointer;

    private YamlLines(Map<String, Integer> lineByPointer) {
        this.lineByPointer = lineByPointer;
    }

    static YamlLines of(JsonFactory factory, String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = factory.createParser(yaml)) {
            while (parser.nextToken() != null) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        }
        return new YamlLines(lines);
    }

    /** The line of the closest enclosing node that exists in the document (1 for the top level). */
    int lineOf(ConfigPath path) {
        for (ConfigPath p = path; ; p = p.parent()) {
            Integer line = lineByPointer.get(p.pointer());
            if (line != null) {
                return line;
            }
            if (p.segments().isEmpty()) {
                return 1;
            }
        }
    }
}
