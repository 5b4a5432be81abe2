package io.usercanary.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a few JSON Pointers hold in one streaming pass over a body, without building a tree: only the
 * containers on the way to a pointer are entered, everything else is skipped. Memory stays small whatever
 * the body holds (millions of tiny objects, a string of megabytes): a string longer than {@link #TEXT_LIMIT}
 * is measured, not decoded.
 */
public final class JsonScan {
    /** The longest string value decoded; a longer one has only its length. */
    public static final int TEXT_LIMIT = 64 * 1024;
    // Field-name canonicalization stays on: without it Jackson reads bytes through a Reader and loses byte offsets.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(TEXT_LIMIT * 2).build())
            .build();

    private JsonScan() {}

    /** The JSON types a pointer can find; {@code MISSING} when nothing is there. */
    public enum Type { MISSING, NULL, ARRAY, OBJECT, STRING, NUMBER, BOOLEAN }

    /**
     * What a pointer holds: for arrays and objects their item count, for strings their length and text (null
     * when over {@link #TEXT_LIMIT}), for numbers and booleans their text as Jackson's tree would print it.
     */
    public record Value(Type type, long size, String text) {
        public static final Value MISSING = new Value(Type.MISSING, 0, null);

        public boolean isContainer() {
            return type == Type.ARRAY || type == Type.OBJECT;
        }

        public boolean isScalar() {
            return type == Type.STRING || type == Type.NUMBER || type == Type.BOOLEAN;
        }
    }

    /** The body is not JSON: {@code problem} says why in a few words, with line and column, never quoting the body. */
    public static final class NotJson extends Exception {
        public NotJson(String problem) {
            super(problem, null, false, false);
        }
    }

    /** Every pointer's value ({@link Value#MISSING} when absent), in the order given. */
    public static Map<String, Value> scan(byte[] body, Collection<String> pointers) throws NotJson {
        Map<String, Value> found = new LinkedHashMap<>();
        List<Target> targets = new ArrayList<>();
        for (String pointer : pointers) {
            found.put(pointer, Value.MISSING);
            targets.add(new Target(pointer, segments(pointer)));
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new NotJson("body is empty");
            }
            value(parser, body, targets, 0, found); // like ObjectMapper.readTree, what follows the first value is not read
        } catch (JsonProcessingException e) {
            throw new NotJson(problem(e));
        } catch (IOException e) {
            throw new NotJson(e.getClass().getSimpleName());
        } catch (IllegalStateException e) {
            throw new NotJson("too many colliding field names"); // Jackson's guard against hash flooding
        }
        return found;
    }

    private record Target(String pointer, List<String> segments) {}

    /** The parser is on the first token of a value at {@code depth} on the way to {@code targets}. */
    private static void value(JsonParser parser, byte[] body, List<Target> targets, int depth, Map<String, Value> found)
            throws IOException {
        List<Target> here = new ArrayList<>();
        List<Target> deeper = new ArrayList<>();
        for (Target t : targets) {
            (t.segments().size() == depth ? here : deeper).add(t);
        }
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            long items = token == JsonToken.START_ARRAY ? array(parser, body, deeper, depth, found) : object(parser, body, deeper, depth, found);
            Value v = new Value(token == JsonToken.START_ARRAY ? Type.ARRAY : Type.OBJECT, items, null);
            here.forEach(t -> found.put(t.pointer(), v));
            return;
        }
        if (here.isEmpty()) {
            return; // a scalar nobody asked for: the next nextToken() skips it without decoding
        }
        Value v = scalar(parser, body, token);
        here.forEach(t -> found.put(t.pointer(), v));
    }

    private static long array(JsonParser parser, byte[] body, List<Target> deeper, int depth, Map<String, Value> found)
            throws IOException {
        long index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            List<Target> next = deeper.isEmpty() ? List.of() : matching(deeper, depth, Long.toString(index));
            if (next.isEmpty()) {
                parser.skipChildren();
            } else {
                value(parser, body, next, depth + 1, found);
            }
            index++;
        }
        return index;
    }

    private static long object(JsonParser parser, byte[] body, List<Target> deeper, int depth, Map<String, Value> found)
            throws IOException {
        long keys = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            List<Target> next = deeper.isEmpty() ? List.of() : matching(deeper, depth, parser.currentName());
            parser.nextToken();
            if (next.isEmpty()) {
                parser.skipChildren();
            } else {
                value(parser, body, next, depth + 1, found);
            }
            keys++;
        }
        return keys;
    }

    private static List<Target> matching(List<Target> deeper, int depth, String segment) {
        List<Target> next = new ArrayList<>();
        for (Target t : deeper) {
            if (t.segments().get(depth).equals(segment)) {
                next.add(t);
            }
        }
        return next;
    }

    private static Value scalar(JsonParser parser, byte[] body, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> string(parser, body);
            case VALUE_NUMBER_INT -> new Value(Type.NUMBER, 1, String.valueOf(parser.getNumberValue()));
            case VALUE_NUMBER_FLOAT -> new Value(Type.NUMBER, 1, String.valueOf(parser.getDoubleValue()));
            case VALUE_TRUE, VALUE_FALSE -> new Value(Type.BOOLEAN, 1, parser.getText());
            default -> new Value(Type.NULL, 0, null);
        };
    }

    private static Value string(JsonParser parser, byte[] body) throws IOException {
        long offset = parser.currentTokenLocation().getByteOffset();
        long length = offset >= 0 && offset < body.length && body[(int) offset] == '"' ? JsonStrings.length(body, (int) offset) : -1;
        if (length > TEXT_LIMIT) {
            return new Value(Type.STRING, length, null);
        }
        String text = parser.getText();
        return new Value(Type.STRING, text.length(), text);
    }

    /** The pointer's reference tokens, unescaped ({@code ~1} is {@code /}, {@code ~0} is {@code ~}). */
    private static List<String> segments(String pointer) {
        List<String> segments = new ArrayList<>();
        for (JsonPointer p = JsonPointer.compile(pointer); !p.matches(); p = p.tail()) {
            segments.add(p.getMatchingProperty());
        }
        return segments;
    }

    private static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int colon = message.indexOf(':');
        String what = (colon > 0 ? message.substring(0, colon) : message).trim();
        int quote = what.indexOf('\'');
        int closing = quote < 0 ? -1 : what.indexOf('\'', quote + 1);
        if (quote > 0 && (closing < 0 || closing - quote > 2)) {
            what = what.substring(0, quote).trim(); // "Unrecognized token 'eyJ…'" would quote the body; ('<') is one character
        }
        if (what.length() > 120) {
            what = what.substring(0, 120) + "…";
        }
        if (e.getLocation() != null) {
            what += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return what.toLowerCase().startsWith("unexpected end-of-input") ? "truncated (" + what + ")" : what;
    }
}
