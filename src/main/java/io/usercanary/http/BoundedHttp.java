package io.usercanary.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Runs requests on one shared {@link OkHttpClient}: each call is bounded by what is left of the flow's
 * deadline and its body by a size cap. Thread-safe.
 */
public final class BoundedHttp {
    public static final long DEFAULT_BODY_CAP = 5L * 1024 * 1024;

    private final OkHttpClient client;
    private final long bodyCap;

    public BoundedHttp(OkHttpClient client, long bodyCap) {
        this.client = client;
        this.bodyCap = bodyCap;
    }

    /** A client with connect/read/write timeouts; the per-call deadline bounds the whole call on top. */
    public static OkHttpClient defaultClient() {
        return new OkHttpClient.Builder()
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

    /** Executes with {@code client} (e.g. one carrying a per-flow cookie jar) within the deadline. */
    public HttpResult execute(OkHttpClient callClient, Request request, Deadline deadline) throws HttpFailure {
        Duration remaining = deadline.remaining();
        if (remaining.isZero()) {
            throw new HttpFailure(HttpFailure.Kind.TIMEOUT, "no time left of the " + seconds(deadline.budget()) + " flow timeout");
        }
        Call call = callClient.newCall(request);
        call.timeout().timeout(remaining.toNanos(), TimeUnit.NANOSECONDS);
        long start = System.nanoTime();
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw classify(e, deadline, false);
        }
        try (response) {
            byte[] body = readCapped(response.body());
            return new HttpResult(response.code(), response.headers(), body,
                    Duration.ofNanos(System.nanoTime() - start), response.headers("Set-Cookie"));
        } catch (IOException e) {
            throw classify(e, deadline, true);
        }
    }

    public HttpResult execute(Request request, Deadline deadline) throws HttpFailure {
        return execute(client, request, deadline);
    }

    private byte[] readCapped(ResponseBody body) throws IOException, HttpFailure {
        long announced = body.contentLength();
        if (announced > bodyCap) {
            throw new HttpFailure(HttpFailure.Kind.TOO_LARGE, "response body of " + announced + " bytes is over the "
                    + bodyCap / (1024 * 1024) + " MB cap; not read");
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (buffer.size() <= bodyCap) {
            if (source.read(buffer, 64 * 1024) == -1) {
                return buffer.readByteArray();
            }
        }
        throw new HttpFailure(HttpFailure.Kind.TOO_LARGE, "response body is over the " + bodyCap / (1024 * 1024) + " MB cap; not read whole");
    }

    private static HttpFailure classify(IOException e, Deadline deadline, boolean readingBody) {
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            String what = deadline.expired() ? "flow timeout of " + seconds(deadline.budget()) + " ran out" : "socket timed out";
            return new HttpFailure(HttpFailure.Kind.TIMEOUT, what + (readingBody ? " while reading the body" : " waiting for the response"));
        }
        if (readingBody) {
            return new HttpFailure(HttpFailure.Kind.TRUNCATED, "body truncated: " + describe(e));
        }
        return new HttpFailure(HttpFailure.Kind.NETWORK, describe(e));
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof SSLException) {
            return "TLS failed: " + e.getClass().getSimpleName();
        }
        // IOException messages from okhttp name the problem ("unexpected end of stream", "Connection reset"),
        // never a header or body; the URL is not in them.
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
