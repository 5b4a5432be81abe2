package io.usercanary.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import okhttp3.Headers;

/** A complete response: status, headers, the whole body (below the cap) and how long it took. */
public record HttpResult(int status, Headers headers, byte[] body, Duration duration, List<String> setCookies) {
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
