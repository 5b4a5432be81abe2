package io.usercanary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonPointer;

/** Where a value is in a response (the exchange's token, a check's capture): exactly one of a JSON Pointer, a header or a cookie. */
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
            Checks.notBlank("header", header);
            Checks.headerName(ConfigPath.of("header"), header);
            return new TokenLocation(Kind.HEADER, header);
        }
        Checks.notBlank("cookie", cookie);
        Checks.headerName(ConfigPath.of("cookie"), cookie); // a cookie name is an HTTP token, like a header name
        return new TokenLocation(Kind.COOKIE, cookie);
    }

    public JsonPointer pointer() {
        return JsonPointer.compile(name);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + name;
    }
}
