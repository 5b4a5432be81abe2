package io.usercanary.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/** The cookies of one flow: set by the exchange, sent on the checks, gone when the flow ends. */
final class FlowCookieJar implements CookieJar {
    private final List<Cookie> cookies = new ArrayList<>();

    @Override
    public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
        for (Cookie cookie : received) {
            cookies.removeIf(c -> c.name().equals(cookie.name()) && c.domain().equals(cookie.domain()) && c.path().equals(cookie.path()));
            cookies.add(cookie);
        }
    }

    @Override
    public synchronized List<Cookie> loadForRequest(HttpUrl url) {
        long now = System.currentTimeMillis();
        return cookies.stream().filter(c -> c.expiresAt() > now && c.matches(url)).toList();
    }

    synchronized Optional<String> value(String name) {
        return cookies.stream().filter(c -> c.name().equals(name)).map(Cookie::value).findFirst();
    }

    synchronized List<String> values() {
        return new ArrayList<>(cookies.stream().map(Cookie::value).toList());
    }
}
