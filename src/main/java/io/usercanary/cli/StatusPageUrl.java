package io.usercanary.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** {@code --web.external-url}: an absolute http(s) URL without credentials, query or fragment, ending in "/". */
final class StatusPageUrl {
    private StatusPageUrl() {}

    static Optional<URI> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("needs an absolute http:// or https:// URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not hold credentials, a query or a fragment");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return Optional.of(uri.resolve(path.endsWith("/") ? path : path + "/"));
    }
}
