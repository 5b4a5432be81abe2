package io.usercanary.probe;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.usercanary.config.Template;
import java.util.Map;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Builds a request to the backend from templates: the path is appended to baseUrl, a body is sent as JSON. */
final class BackendRequest {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private BackendRequest() {}

    /** Throws IllegalArgumentException, with a message free of filled-in values, when the result is not a valid request. */
    static Request build(HttpUrl baseUrl, String method, Template path, Map<String, Template> headers, Template body,
                         Function<String, String> values) {
        return build(base(baseUrl), method, path, headers, body, values, values);
    }

    /** {@code baseUrl} as {@link #build} prefixes it to a path: without its trailing {@code /}; worth keeping per config. */
    static String base(HttpUrl baseUrl) {
        String base = baseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * As above, with the path filled from {@code pathValues} (which may encode some values as path segments),
     * after {@code base} ({@link #base}): the URL is parsed once, its host canonicalized once.
     */
    static Request build(String base, String method, Template path, Map<String, Template> headers, Template body,
                         Function<String, String> values, Function<String, String> pathValues) {
        String rendered = path.render(pathValues);
        HttpUrl url = HttpUrl.parse(base + (rendered.startsWith("/") ? rendered : "/" + rendered));
        if (url == null) {
            throw new IllegalArgumentException("path " + path + " does not make a valid URL");
        }
        Request.Builder builder = new Request.Builder().url(url);
        for (Map.Entry<String, Template> header : headers.entrySet()) {
            String value = header.getValue().render(values);
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new IllegalArgumentException("header " + header.getKey() + " would hold a control character");
            }
            builder.header(header.getKey(), value);
        }
        RequestBody requestBody = body == null ? null : RequestBody.create(body.render(values, BackendRequest::jsonEscape), JSON);
        if (requestBody == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            requestBody = RequestBody.create(new byte[0], null);
        }
        return builder.method(method, requestBody).build();
    }

    /** {@code value} as one percent-encoded path segment. */
    static String pathSegment(String value) {
        return new HttpUrl.Builder().scheme("http").host("x").addPathSegment(value).build().encodedPath().substring(1);
    }

    private static String jsonEscape(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
