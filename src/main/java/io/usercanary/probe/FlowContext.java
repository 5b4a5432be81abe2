package io.usercanary.probe;

import io.usercanary.check.PayloadMeasurement;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.Secret;
import io.usercanary.config.Template;
import io.usercanary.http.BoundedHttp;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;
import io.usercanary.http.HttpResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * What the steps of one run share: the account, the deadline, the tokens so far, the cookies, the redactor
 * every secret is registered with before anything holding it is recorded, and the calls of the current step.
 * Not shared between runs, used by one thread.
 */
final class FlowContext {
    /** How much of a body a trace shows, and how much of it is read to make that excerpt. */
    static final int EXCERPT_CHARS = HttpTrace.EXCERPT_CHARS;
    private static final int EXCERPT_SOURCE_BYTES = 16 * 1024;
    private static final int MIN_COOKIE_SECRET = 4;
    static final String CAPTURE = "capture.";

    final FlowRunner runner;
    final CanaryConfig config;
    final AccountConfig account;
    final Deadline deadline;
    final Redactor redactor = new Redactor();
    final FlowCookieJar cookies = new FlowCookieJar();
    final List<PayloadMeasurement> payload = new ArrayList<>();
    /** Values the checks so far captured, by name: {@code {{capture.<name>}}} in later checks. */
    final Map<String, String> captures = new HashMap<>();
    private final OkHttpClient client;
    private List<HttpTrace> calls = new ArrayList<>();
    String cohort;
    Long ageSeconds;
    String firebaseError;
    String loginPath = "";
    Secret idToken;
    Secret jwt;

    FlowContext(FlowRunner runner, AccountConfig account) {
        this.runner = runner;
        this.config = runner.config();
        this.account = account;
        this.deadline = Deadline.in(config.schedule().timeout());
        this.client = runner.http().client().newBuilder().cookieJar(cookies).build();
        this.cohort = runner.cohortOf(account);
        redactor.add(account.password()).add(config.firebase().apiKey());
    }

    /** The calls recorded since the last call of this method: the runner takes them for each step. */
    List<HttpTrace> takeCalls() {
        List<HttpTrace> taken = calls;
        calls = new ArrayList<>();
        return taken;
    }

    /**
     * Executes {@code request} to the backend with the flow's cookies and deadline. Cookie values are
     * registered as secrets before {@code reader} runs; the reader records the call with {@link #trace} once
     * it has registered any secret it found. A call without a response is recorded here.
     */
    <T, E extends Exception> T execute(Request request, BoundedHttp.Reader<T, E> reader) throws HttpFailure, E {
        long start = System.nanoTime();
        try {
            return runner.http().execute(client, request, deadline, result -> {
                registerCookies(result);
                return reader.read(result);
            });
        } catch (HttpFailure e) {
            calls.add(new HttpTrace(request.method(), redactor.detail(request.url().encodedPath()), 0,
                    Duration.ofNanos(System.nanoTime() - start), ""));
            throw e;
        }
    }

    /** Records a call with a redacted excerpt of its body. */
    void trace(String method, String path, HttpResult result) {
        trace(method, path, result.status(), result.duration(), result.prefix(EXCERPT_SOURCE_BYTES), result.body().length);
    }

    void trace(String method, String path, int status, Duration duration, byte[] prefix, int bodyLength) {
        String text = new String(prefix, StandardCharsets.UTF_8);
        // A path may hold a captured secret (a session id from a header): it is redacted like the body.
        calls.add(new HttpTrace(method, redactor.detail(path), status, duration,
                redactor.excerpt(text, EXCERPT_CHARS, prefix.length < bodyLength)));
    }

    /** Bytes of a body worth keeping for its trace until the secrets in it are known. */
    static byte[] excerptSource(HttpResult result) {
        return result.prefix(EXCERPT_SOURCE_BYTES);
    }

    /** A captured value fills the path as one segment ({@code /} and {@code ?} in it are percent-encoded). */
    Request request(String method, Template path, Map<String, Template> headers, Template body) {
        return BackendRequest.build(runner.backendBase(), method, path, headers, body, this::value,
                name -> name.startsWith(CAPTURE) ? BackendRequest.pathSegment(value(name)) : value(name));
    }

    /** {@code backend.headers}, with the request's own headers added or replacing them. */
    Map<String, Template> withBackendHeaders(Map<String, Template> own) {
        Map<String, Template> headers = new LinkedHashMap<>(config.backend().headers());
        headers.putAll(own);
        return headers;
    }

    /**
     * Values for {@code {{...}}}: the validated config guarantees each placeholder has one, except captures,
     * whose checks are skipped when the value was not captured ({@link CheckStep#missingCapture}).
     */
    String value(String name) {
        return switch (name) {
            case "idToken" -> idToken == null ? null : idToken.reveal();
            case "jwt" -> jwt == null ? null : jwt.reveal();
            default -> name.startsWith("account.") ? account.var(name.substring("account.".length()))
                    : name.startsWith(CAPTURE) ? captures.get(name.substring(CAPTURE.length())) : null;
        };
    }

    /** Every Set-Cookie value is a secret, whatever its shape: {@code name=value; ...}, or a bare value without {@code =}. */
    private void registerCookies(HttpResult result) {
        for (String header : result.setCookies()) {
            int end = header.indexOf(';');
            String first = (end >= 0 ? header.substring(0, end) : header).trim();
            int eq = first.indexOf('=');
            addCookieValue(eq >= 0 ? first.substring(eq + 1).trim() : first);
        }
        cookies.values().forEach(this::addCookieValue);
    }

    /** A value of a few characters ({@code consent=1}) is no secret, and would be redacted out of every number. */
    private void addCookieValue(String value) {
        if (value.length() >= MIN_COOKIE_SECRET) {
            redactor.add(value);
        }
    }
}
