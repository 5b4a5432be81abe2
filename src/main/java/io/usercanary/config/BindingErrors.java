package io.usercanary.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Jackson's binding and parsing failures in the YAML's own words: the key, its line, and what is wrong. */
final class BindingErrors {
    private BindingErrors() {}

    static ConfigPath where(JsonMappingException e) {
        InvalidConfigException invalid = causeOf(e, InvalidConfigException.class);
        ConfigPath path = pathOf(e);
        return invalid == null ? path : path.resolve(invalid.path());
    }

    static ConfigException translate(IOException e, String fileName, YamlLines lines) {
        ConfigPath path = e instanceof JsonMappingException mapping ? pathOf(mapping) : ConfigPath.ROOT;
        String problem;
        InvalidConfigException invalid = causeOf(e, InvalidConfigException.class);
        IllegalArgumentException illegal = causeOf(e, IllegalArgumentException.class);
        if (e instanceof PropertyBindingException unknown) {
            problem = "unknown key '" + unknown.getPropertyName() + "'" + known(unknown.getKnownPropertyIds());
        } else if (invalid != null) {
            path = path.resolve(invalid.path());
            problem = invalid.getMessage();
        } else if (illegal != null) {
            problem = illegal.getMessage();
        } else if (e instanceof MismatchedInputException mismatch) {
            problem = "expected " + describe(mismatch.getTargetType());
        } else {
            problem = firstLine(e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage());
        }
        return ConfigException.at(fileName, lines.lineOf(path), path, problem);
    }

    private static ConfigPath pathOf(JsonMappingException e) {
        List<Object> segments = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                segments.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                segments.add(ref.getIndex());
            }
        }
        return new ConfigPath(segments);
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return " (expected one of: " + ids.stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        return "a single value (text)";
    }

    /** SnakeYAML's context and problem lines, without the indented source excerpts (they may hold a secret). */
    static String yamlProblem(String message) {
        if (message == null) {
            return "unreadable";
        }
        return message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::trim)
                .reduce((a, b) -> a + "; " + b)
                .orElse("unreadable");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
