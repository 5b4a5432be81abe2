package io.usercanary.webconfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a web config file in the exporter-toolkit format: the same keys, meanings and defaults (TLS 1.2 to 1.3,
 * no client certificates, paths relative to the file's directory), unknown keys rejected. Every problem is one
 * line {@code file[:line]: key: what is wrong}; no password hash or key material is ever echoed.
 */
public final class WebConfigFile {
    private static final long MAX_BYTES = 1 << 20;
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']{1,200})'");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    record Raw(@JsonProperty("tls_server_config") RawTls tls, @JsonProperty("http_server_config") RawHttp http,
               @JsonProperty("basic_auth_users") Map<String, String> users,
               @JsonProperty("rate_limit") RawRateLimit rateLimit) {}

    record RawTls(@JsonProperty("cert") String cert, @JsonProperty("key") String key,
                  @JsonProperty("client_ca") String clientCa, @JsonProperty("cert_file") String certFile,
                  @JsonProperty("key_file") String keyFile, @JsonProperty("client_auth_type") String clientAuthType,
                  @JsonProperty("client_ca_file") String clientCaFile,
                  @JsonProperty("cipher_suites") List<String> cipherSuites,
                  @JsonProperty("curve_preferences") List<String> curvePreferences,
                  @JsonProperty("min_version") String minVersion, @JsonProperty("max_version") String maxVersion,
                  @JsonProperty("prefer_server_cipher_suites") Boolean preferServerCipherSuites,
                  @JsonProperty("client_allowed_sans") List<String> clientAllowedSans) {}

    record RawHttp(@JsonProperty("http2") Boolean http2, @JsonProperty("headers") Map<String, String> headers) {}

    record RawRateLimit(@JsonProperty("burst") Integer burst, @JsonProperty("interval") String interval) {}

    private WebConfigFile() {}

    /** Loads and checks everything, certificate files included: a config that loads can be served. */
    public static WebConfig load(Path file) throws WebConfigException {
        Raw raw = parse(file);
        Path dir = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        try {
            Optional<TlsServerConfig> tls = raw.tls() == null ? Optional.empty() : TlsSettings.from(raw.tls(), dir);
            if (tls.isPresent()) {
                tls.get().loadKeyPair();
            }
            BasicAuth auth = new BasicAuth(users(raw.users()));
            Map<String, String> headers = raw.http() == null || raw.http().headers() == null ? Map.of()
                    : HeaderRules.check(raw.http().headers());
            Optional<WebConfig.RateLimit> rateLimit = raw.rateLimit() == null ? Optional.empty()
                    : RateLimits.from(raw.rateLimit());
            return new WebConfig(Optional.of(file), tls, auth, headers, rateLimit);
        } catch (WebConfigException e) {
            throw new WebConfigException(file + ": " + e.getMessage());
        }
    }

    private static Raw parse(Path file) throws WebConfigException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new WebConfigException(file + ": larger than 1 MiB: not a web config file");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WebConfigException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new WebConfigException(file + ": permission denied");
        } catch (IOException e) {
            throw new WebConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (text.isBlank()) {
            return new Raw(null, null, null, null);
        }
        try {
            Raw raw = YAML.readValue(text, Raw.class);
            return raw == null ? new Raw(null, null, null, null) : raw;
        } catch (JsonMappingException e) {
            throw new WebConfigException(where(file, text, e) + ": " + key(e) + ": " + problem(e));
        } catch (JsonProcessingException e) {
            throw new WebConfigException(where(file, text, e) + ": not valid YAML: " + e.getOriginalMessage().split("\n")[0]);
        }
    }

    private static Map<String, String> users(Map<String, String> users) throws WebConfigException {
        if (users == null) {
            return Map.of();
        }
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> user : users.entrySet()) {
            String key = "basic_auth_users." + user.getKey();
            if (user.getKey().isEmpty() || user.getKey().contains(":")) {
                throw new WebConfigException("basic_auth_users: a user name must be non-empty and hold no ':'");
            }
            if (user.getValue() == null || !BasicAuth.BCRYPT.matcher(user.getValue()).matches()) {
                throw new WebConfigException(key + ": not a bcrypt hash (make one with: htpasswd -nBC 10 "
                        + user.getKey() + ")");
            }
            checked.put(user.getKey(), user.getValue());
        }
        return checked;
    }

    private static String where(Path file, String text, JsonProcessingException e) {
        int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
        if (e instanceof UnrecognizedPropertyException unknown) {
            // Records are bound after the whole mapping is read: Jackson's location is its end, not the key.
            line = lineOf(text, unknown.getPropertyName()).orElse(line);
        }
        return line > 0 ? file + ":" + line : file.toString();
    }

    private static Optional<Integer> lineOf(String text, String key) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String stripped = lines.get(i).stripLeading();
            if (stripped.startsWith(key + ":") || stripped.startsWith("- " + key + ":")
                    || stripped.startsWith("\"" + key + "\":") || stripped.startsWith("'" + key + "':")) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    private static String key(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
        if (duplicate.find()) {
            path = path.isEmpty() ? duplicate.group(1) : path + "." + duplicate.group(1);
        }
        return path.isEmpty() ? "(top level)" : path;
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown key";
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field")) {
            return "duplicate key";
        }
        if (message.contains("Cannot deserialize value of type `java.lang.Boolean`")) {
            return "expected true or false";
        }
        if (message.startsWith("Cannot deserialize value of type `java.util.")) {
            return "wrong type: expected " + (message.contains("Map") ? "a mapping" : "a list");
        }
        if (message.contains("from Array value") || message.contains("from Object value")) {
            return "wrong type: expected a single value";
        }
        return "wrong type";
    }
}
