package io.usercanary.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the YAML config: {@code ${VAR}} and {@code ${VAR:-default}} from the environment, unknown keys
 * rejected, every problem reported as one {@code file:line: key: message} line without echoing secrets.
 */
public final class ConfigLoader {
    public static final String EMULATOR_ENV = "FIREBASE_AUTH_EMULATOR_HOST";

    private final Map<String, String> environment;
    private final ObjectMapper mapper;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        SimpleModule durations = new SimpleModule("usercanary-durations")
                .addDeserializer(Duration.class, new DurationDeserializer());
        this.mapper = YAMLMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .addModule(durations)
                .build();
    }

    /** A loader that reads the process environment. */
    public static ConfigLoader fromProcessEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    public CanaryConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    public CanaryConfig parse(String yaml, String fileName) throws ConfigException {
        YamlLines lines;
        JsonNode tree;
        try {
            lines = YamlLines.of(mapper.getFactory(), yaml);
            tree = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw ConfigException.at(fileName, line, ConfigPath.ROOT, "not valid YAML: " + yamlProblem(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ConfigException.at(fileName, 0, ConfigPath.ROOT, "cannot read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw ConfigException.at(fileName, 0, ConfigPath.ROOT, "the file is empty");
        }
        if (!tree.isObject()) {
            throw ConfigException.at(fileName, 1, ConfigPath.ROOT, "the top level must be a mapping (environment:, firebase:, ...)");
        }
        new EnvironmentSubstitution(environment, fileName, lines).apply(tree);
        CanaryConfig config;
        try {
            config = mapper.readerFor(CanaryConfig.class).readValue(tree);
        } catch (IOException e) {
            throw translate(e, fileName, lines);
        }
        String emulator = environment.get(EMULATOR_ENV);
        if (config.firebase().emulatorHost() == null && emulator != null && !emulator.isBlank()) {
            try {
                config = config.withFirebase(config.firebase().withEmulatorHost(emulator.trim()));
            } catch (InvalidConfigException e) {
                throw new ConfigException(EMULATOR_ENV + ": " + e.getMessage());
            }
        }
        return config;
    }

    private static ConfigException translate(IOException e, String fileName, YamlLines lines) {
        ConfigPath path = e instanceof JsonMappingException mapping ? pathOf(mapping) : ConfigPath.ROOT;
        String problem;
        InvalidConfigException invalid = causeOf(e, InvalidConfigException.class);
        IllegalArgumentException illegal = causeOf(e, IllegalArgumentException.class);
        if (e instanceof UnrecognizedPropertyException unknown) {
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
    private static String yamlProblem(String message) {
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
