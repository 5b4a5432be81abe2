package io.usercanary.web;

import java.util.Map;
import org.eclipse.jetty.http.HttpFields;

/**
 * Headers on every response, errors included. The pages are one document with an inline stylesheet and
 * {@code style} attributes, no script, no image but the empty {@code data:} icon: the policy allows exactly that.
 * A web config's {@code http_server_config.headers} are added after these and win.
 */
final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    static void apply(HttpFields.Mutable headers, Map<String, String> configured) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        configured.forEach(headers::put);
    }
}
