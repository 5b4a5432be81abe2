package io.usercanary.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class BoundedHttpTest {
    static final int CAP = 64 * 1024;
    @StartStop
    final MockWebServer server = new MockWebServer();
    final BoundedHttp http = new BoundedHttp(BoundedHttp.defaultClient(), CAP, 2 * CAP);

    Request get() {
        return new Request.Builder().url(server.url("/d")).build();
    }

    MockResponse body(int bytes) {
        return new MockResponse.Builder().code(200).body("x".repeat(bytes)).build();
    }

    @Test
    void eachBodyGivesItsMemoryBackOnceItsReaderIsDone() throws Exception {
        for (int i = 0; i < 20; i++) {
            server.enqueue(body(CAP));
            int read = http.execute(get(), Deadline.in(Duration.ofSeconds(5)), r -> r.body().length);
            assertEquals(CAP, read);
        }
    }

    @Test
    void aBodyThatWouldGoOverTheBudgetWaitsAndTimesOutWithinItsDeadline() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody("x".repeat(CAP), 4096).build()); // holds 2 x CAP
        server.enqueue(body(1024));
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> holder = CompletableFuture.supplyAsync(() -> {
            try {
                return http.execute(get(), Deadline.in(Duration.ofSeconds(10)), r -> {
                    reading.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return r.body().length;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(reading.await(5, TimeUnit.SECONDS));
        HttpFailure failure = assertThrows(HttpFailure.class,
                () -> http.execute(get(), Deadline.in(Duration.ofMillis(500)), r -> r.body().length));
        release.countDown();
        assertEquals(HttpFailure.Kind.TIMEOUT, failure.kind());
        assertTrue(failure.getMessage().startsWith("timed out waiting for memory to read the body"), failure.getMessage());
        assertEquals(CAP, (int) holder.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRefusedConnectionNamesTheHost() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/").build();
        HttpFailure failure = assertThrows(HttpFailure.class,
                () -> http.execute(request, Deadline.in(Duration.ofSeconds(5)), r -> r.status()));
        assertEquals(HttpFailure.Kind.NETWORK, failure.kind());
        assertEquals("connection refused by 127.0.0.1:" + port, failure.getMessage());
    }

    @Test
    void aChunkedBodyOverTheCapIsNotReadWhole() {
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody("x".repeat(CAP + 10), 1000).build());
        HttpFailure failure = assertThrows(HttpFailure.class,
                () -> http.execute(get(), Deadline.in(Duration.ofSeconds(5)), r -> r.body().length));
        assertEquals(HttpFailure.Kind.TOO_LARGE, failure.kind());
    }
}
