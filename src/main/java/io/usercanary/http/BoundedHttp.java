package io.usercanary.http;

import io.usercanary.config.Durations;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs requests on one shared {@link OkHttpClient}: each call is bounded by what is left of the flow's
 * deadline, its body by a size cap, and all bodies held at once by one memory budget, so the bytes in flight
 * stay bounded whatever the number of flows and whatever the backends send. A body exists only while its
 * {@link Reader} looks at it. Thread-safe.
 */
public final class BoundedHttp {
    public static final long DEFAULT_BODY_CAP = 5L * 1024 * 1024;
    /** What every body being read or looked at may hold together, by default. */
    public static final long DEFAULT_BODY_MEMORY = 24L * 1024 * 1024;

    private final OkHttpClient client;
    private final long bodyCap;
    private final BodyMemory memory;

    /** Reads what it needs out of a response while its body is held; must not keep the body. */
    @FunctionalInterface
    public interface Reader<T, E extends Exception> {
        T read(HttpResult result) throws E;
    }

    public BoundedHttp(OkHttpClient client, long bodyCap) {
        this(client, bodyCap, Math.max(DEFAULT_BODY_MEMORY, 2 * bodyCap));
    }

    /** {@code bodyMemory} must hold at least two bodies at the cap (one read in pieces, then joined). */
    public BoundedHttp(OkHttpClient client, long bodyCap, long bodyMemory) {
        if (bodyCap < 1 || bodyMemory < 2 * bodyCap) {
            throw new IllegalArgumentException("bodyMemory " + bodyMemory + " must be at least twice the body cap " + bodyCap);
        }
        this.client = client;
        this.bodyCap = bodyCap;
        this.memory = new BodyMemory(bodyMemory);
    }

    /**
     * A client with connect/read/write timeouts; the per-call deadline bounds the whole call on top. Each has
     * its own connection pool and dispatcher; the TLS set-up (the platform's trust manager and socket factory,
     * most of what building the first client costs) is made once and shared.
     */
    public static OkHttpClient defaultClient() {
        return Base.CLIENT.newBuilder().connectionPool(new ConnectionPool()).dispatcher(new Dispatcher()).build();
    }

    /** Builds the shared TLS set-up now; a command calls it on a second thread at start. */
    public static void warmUp() {
        Base.CLIENT.hashCode();
    }

    private static final class Base {
        static final OkHttpClient CLIENT = new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(15, TimeUnit.SECONDS)
                .writeTimeout(10, TimeUnit.SECONDS)
                .callTimeout(60, TimeUnit.SECONDS)
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    public OkHttpClient client() {
        return client;
    }

    /** Executes with {@code callClient} (e.g. one carrying a per-flow cookie jar) within the deadline; {@code reader} sees the response. */
    public <T, E extends Exception> T execute(OkHttpClient callClient, Request request, Deadline deadline, Reader<T, E> reader)
            throws HttpFailure, E {
        Duration remaining = deadline.remaining();
        if (remaining.isZero()) {
            throw new HttpFailure(HttpFailure.Kind.TIMEOUT, "no time left of the " + Durations.format(deadline.budget()) + " flow timeout");
        }
        Call call = callClient.newCall(request);
        call.timeout().timeout(remaining.toNanos(), TimeUnit.NANOSECONDS);
        long start = System.nanoTime();
        BodyMemory.Held held = memory.hold(deadline);
        try {
            HttpResult result;
            try (Response response = call.execute()) {
                byte[] body;
                try {
                    body = new CappedBody(response.body(), bodyCap, held).read();
                } catch (IOException e) {
                    throw classify(e, deadline, true, request.url(), start);
                }
                result = new HttpResult(response.code(), response.headers(), body,
                        Duration.ofNanos(System.nanoTime() - start), response.headers("Set-Cookie"));
            } catch (IOException e) {
                throw classify(e, deadline, false, request.url(), start);
            }
            return reader.read(result);
        } finally {
            held.release();
        }
    }

    public <T, E extends Exception> T execute(Request request, Deadline deadline, Reader<T, E> reader) throws HttpFailure, E {
        return execute(client, request, deadline, reader);
    }

    private static HttpFailure classify(IOException e, Deadline deadline, boolean readingBody, HttpUrl url, long start) {
        String where = readingBody ? " while reading the body" : " waiting for the response";
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            if (deadline.expired()) {
                return new HttpFailure(HttpFailure.Kind.TIMEOUT, "timed out after " + Durations.format(deadline.budget()) + where
                        + " (flow timeout of " + Durations.format(deadline.budget()) + " ran out)");
            }
            return new HttpFailure(HttpFailure.Kind.TIMEOUT,
                    "timed out after " + Durations.rounded(Duration.ofNanos(System.nanoTime() - start)) + where + " (socket timeout)");
        }
        if (readingBody) {
            return new HttpFailure(HttpFailure.Kind.TRUNCATED, "body truncated: " + describe(e, url));
        }
        return new HttpFailure(HttpFailure.Kind.NETWORK, describe(e, url));
    }

    /** What went wrong and with whom, in one shape: {@code connection refused by api.example.com:443}. */
    private static String describe(IOException e, HttpUrl url) {
        String host = url.host() + ":" + url.port();
        if (e instanceof ConnectException) {
            return "connection refused by " + host;
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + url.host();
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + host;
        }
        if (e instanceof SSLException) {
            return "TLS with " + host + " failed: " + e.getClass().getSimpleName();
        }
        if (e instanceof EOFException) {
            return "connection closed by " + host + " before the body ended";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        int on = message.indexOf(" on http");
        message = on >= 0 ? message.substring(0, on) : message; // okhttp appends the URL
        if (e instanceof SocketException && message.toLowerCase().contains("reset")) {
            return "connection reset by " + host;
        }
        // The message may echo what the server sent (a malformed status line): the flow redacts it.
        return e.getClass().getSimpleName() + " from " + host + (message.isEmpty() ? "" : ": " + message);
    }
}
