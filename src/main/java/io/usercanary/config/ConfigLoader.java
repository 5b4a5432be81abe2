package io.usercanary.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML config: {@code ${VAR}} and {@code ${VAR:-default}} from the environment, unknown keys
 * rejected, every problem reported as one {@code file:line: key: message} line without echoing secrets.
 */
public final class ConfigLoader {
    public static final String EMULATOR_ENV = "FIREBASE_AUTH_EMULATOR_HOST";

    /** The largest config file read: far above any real config, and refused before parsing. */
    public static final int MAX_BYTES = 1024 * 1024;

    /**
     * One mapper for every loader: configured once, thread-safe, and it keeps the deserializers it built for the
     * config's records, which are most of what reading a config costs the first time.
     */
    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addModule(new SimpleModule("usercanary-durations").addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Reads {@link #WARM_UP} once, so the mapper, SnakeYAML and the deserializers of every config record are
     * built and their code has run: a command calls it on a second thread at start, while picocli and logback
     * set up on the first, and the real config is then read in a fraction of the time. Never throws; false
     * when the sample did not read (only time is lost: the real config is read and reported as without it).
     */
    public static boolean warmUp() {
        try {
            new ConfigLoader(Map.of()).parse(WARM_UP, "warm-up");
            return true;
        } catch (ConfigException | RuntimeException e) {
            return false;
        }
    }

    /** A config touching every block that reading a real one builds a deserializer for. */
    private static final String WARM_UP = """
            environment: warm-up
            firebase: { apiKey: warm-up-key, emulatorHost: 127.0.0.1:1 }
            backend:
              baseUrl: http://127.0.0.1:1
              exchange: { path: /auth, body: '{"idToken":"{{idToken}}"}', token: { json: /token } }
            checks:
              - name: overview
                path: /api/overview
                expect: { status: 200, notEmpty: [/items], minItems: { /items: 1 }, equals: { /owner: "{{account.marker}}" } }
            accounts:
              - { name: warm-up, email: warm-up@example.com, password: warm-up, cohort: new, vars: { marker: m } }
            schedule: { interval: 60s, jitter: 10s, timeout: 5s }
            server: { port: 9464 }
            """;

    /** A loader that reads the process environment. */
    public static ConfigLoader fromProcessEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** Reads and checks the config with every secret: what {@code check}, {@code run} and {@code seed} use. */
    public CanaryConfig load(Path file) throws ConfigException {
        return parse(read(file), file.toString());
    }

    public CanaryConfig parse(String yaml, String fileName) throws ConfigException {
        return read(yaml, fileName, null);
    }

    /**
     * Reads and checks everything but secret values, for {@code validate}: an unset {@code ${VAR}} or an unreadable
     * {@code passwordFile} is a warning instead of an error. The config it returns must not be run.
     */
    public ConfigValidation validate(Path file) throws ConfigException {
        return validate(read(file), file.toString());
    }

    public ConfigValidation validate(String yaml, String fileName) throws ConfigException {
        List<String> warnings = new ArrayList<>();
        CanaryConfig config = read(yaml, fileName, warnings);
        return new ConfigValidation(config, warnings);
    }

    private static String read(Path file) throws ConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                long size = Files.isRegularFile(file) ? Files.size(file) : -1;
                throw tooLarge(file.toString(), size);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static ConfigException tooLarge(String fileName, long bytes) {
        String size = bytes < 0 ? "more than " + MAX_BYTES + " bytes" : bytes + " bytes";
        return new ConfigException(fileName + ": the file is " + size + "; a config file may be at most 1 MB (" + MAX_BYTES + " bytes)");
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** {@code warnings} null: strict. */
    private CanaryConfig read(String yaml, String fileName, List<String> warnings) throws ConfigException {
        if (yaml.length() > MAX_BYTES / 4 && utf8Length(yaml) > MAX_BYTES) {
            throw tooLarge(fileName, utf8Length(yaml));
        }
        YamlLines lines;
        JsonNode tree;
        try {
            YamlRestrictions.check(yaml, fileName);
            lines = YamlLines.of(MAPPER.getFactory(), yaml);
            tree = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw ConfigException.at(fileName, line, ConfigPath.ROOT, "not valid YAML: " + BindingErrors.yamlProblem(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ConfigException.at(fileName, 0, ConfigPath.ROOT, "cannot read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw ConfigException.at(fileName, 0, ConfigPath.ROOT, "the file is empty");
        }
        if (!tree.isObject()) {
            throw ConfigException.at(fileName, 1, ConfigPath.ROOT, "the top level must be a mapping (environment:, firebase:, ...)");
        }
        EnvironmentSubstitution substitution = new EnvironmentSubstitution(environment, fileName, lines, warnings != null);
        substitution.apply(tree);
        if (warnings != null) {
            AbsentSecrets absent = new AbsentSecrets(fileName, lines);
            absent.apply(tree, substitution.unset());
            warnings.addAll(absent.warnings());
        }
        CanaryConfig config;
        try {
            config = MAPPER.readerFor(CanaryConfig.class).readValue(tree);
        } catch (IOException e) {
            ConfigPath at = e instanceof JsonMappingException mapping ? BindingErrors.where(mapping) : ConfigPath.ROOT;
            for (Map.Entry<ConfigPath, String> unset : substitution.unset().entrySet()) {
                if (related(at, unset.getKey())) {
                    throw substitution.unsetError(unset.getKey(), unset.getValue());
                }
            }
            throw BindingErrors.translate(e, fileName, lines);
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

    /** A problem at {@code error} that may come from an unset variable at {@code unset}: one lies inside the other. */
    private static boolean related(ConfigPath error, ConfigPath unset) {
        return !error.segments().isEmpty() && (startsWith(error, unset) || startsWith(unset, error));
    }

    private static boolean startsWith(ConfigPath path, ConfigPath prefix) {
        List<Object> a = path.segments();
        List<Object> b = prefix.segments();
        return a.size() >= b.size() && a.subList(0, b.size()).equals(b);
    }
}
