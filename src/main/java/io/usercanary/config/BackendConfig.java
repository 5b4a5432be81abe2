package io.usercanary.config;

import java.util.Map;
import okhttp3.HttpUrl;

/** The product's API: where it is, how to trade the ID token for its JWT, and the headers every check sends. */
public record BackendConfig(String baseUrl, ExchangeConfig exchange, Map<String, Template> headers) {
    /** Sent on every check unless {@code backend.headers} is given, which replaces it. */
    public static final Map<String, Template> DEFAULT_HEADERS = Map.of("Authorization", Template.of("Bearer {{jwt}}"));

    public BackendConfig {
        Checks.notBlank("baseUrl", baseUrl);
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new InvalidConfigException("baseUrl", Checks.quoted(baseUrl) + " is not an http:// or https:// URL");
        }
        headers = headers == null ? DEFAULT_HEADERS : Checks.headers("headers", headers);
    }

    public HttpUrl url() {
        return HttpUrl.get(baseUrl);
    }
}
