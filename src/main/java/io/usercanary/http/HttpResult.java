package io.usercanary.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import okhttp3.Headers;

/**
 * A complete response: status, headers, the whole body (below the cap) and how long it took. The body is
 * only valid while a {@link BoundedHttp.Reader} looks at it: keep {@link #prefix} copies, never the array.
 */
public record HttpResult(int status, Headers headers, byte[] body, Duration duration, List<String> setCookies) {
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A copy of the first {@code max} bytes of the body, for a trace excerpt. */
    public byte[] prefix(int max) {
        return Arrays.copyOf(body, Math.min(max, body.length));
    }

    public String header(String name) {
        return headers.get(name);
    }
}
