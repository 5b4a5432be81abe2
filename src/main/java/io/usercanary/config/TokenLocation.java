package io.usercanary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonPointer;

/** Where the backend's JWT is in the exchange response: exactly one of a JSON Pointer, a header or a cookie. */
public record TokenLocation(Kind kind, String name) {
    public enum Kind { JSON, HEADER, COOKIE }

    public TokenLocation {
        if (kind == Kind.JSON) {
            JsonPointers.check(ConfigPath.of("json"), name);
        }
    }

    @JsonCreator
    public static TokenLocation fromYaml(
            @JsonProperty("json") String json,
            @JsonProperty("header") String header,
            @JsonProperty("cookie") String cookie) {
        int given = (json != null ? 1 : 0) + (header != null ? 1 : 0) + (cookie != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidConfigException(ConfigPath.ROOT,
                    "give exactly one of json (a JSON Pointer), header or cookie");
        }
        if (json != null) {
            return new TokenLocation(Kind.JSON, json);
        }
        if (header != null) {
            return new TokenLocation(Kind.HEADER, Checks.notBlank("header", header));
        }
        return new TokenLocation(Kind.COOKIE, Checks.notBlank("cookie", cookie));
    }

    public JsonPointer pointer() {
        return JsonPointer.compile(name);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + name;
    }
}
