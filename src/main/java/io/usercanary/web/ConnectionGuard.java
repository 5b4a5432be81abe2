package io.usercanary.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.IdleTimeout;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Jetty's idle timeout alone does not stop: a client that dribbles a byte every few seconds keeps a
 * connection "active" forever. Four times a second this closes every connection whose request headers (or TLS
 * handshake and first request) have taken longer than the header timeout, and, when the connections near the
 * cap, those sitting idle between requests, so the slots go to clients that ask for something.
 */
final class ConnectionGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final long IDLE_UNDER_PRESSURE_MILLIS = 250;

    private final AbstractConnector connector;
    private final long headerTimeoutMillis;
    private final int pressure;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "usercanary-http-guard");
        thread.setDaemon(true);
        return thread;
    });
    private long closedSlow;

    ConnectionGuard(AbstractConnector connector, Duration headerTimeout, int maxConnections) {
        this.connector = connector;
        this.headerTimeoutMillis = headerTimeout.toMillis();
        this.pressure = maxConnections * 3 / 4;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::sweepQuietly, 250, 250, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("connection guard: {}", e.toString());
        }
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        long nanoNow = System.nanoTime();
        boolean crowded = connector.getConnectedEndPoints().size() > pressure;
        int closed = 0;
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            HttpConnection http = http(endPoint.getConnection());
            if (http == null) {
                continue;
            }
            HttpParser parser = http.getParser();
            boolean firstRequestLate = http.getMessagesIn() == 0 && (parser.isStart() || parser.inHeaderState())
                    && now - endPoint.getCreatedTimeStamp() > headerTimeoutMillis;
            boolean headersLate = parser.inHeaderState() && !parser.isStart()
                    && nanoNow - parser.getBeginNanoTime() > headerTimeoutMillis * 1_000_000;
            boolean idleWhileCrowded = crowded && parser.isStart() && endPoint instanceof IdleTimeout idle
                    && idle.getIdleFor() > IDLE_UNDER_PRESSURE_MILLIS;
            if (firstRequestLate || headersLate || idleWhileCrowded) {
                endPoint.close(new TimeoutException(idleWhileCrowded ? "idle while connections are near the cap"
                        : "request headers not received within " + headerTimeoutMillis + " ms"));
                closed++;
            }
        }
        if (closed > 0) {
            closedSlow += closed;
            LOG.debug("closed {} slow or idle connections ({} so far)", closed, closedSlow);
        }
    }

    private static HttpConnection http(Connection connection) {
        if (connection instanceof SslConnection ssl) {
            connection = ssl.getSslEndPoint().getConnection();
        }
        return connection instanceof HttpConnection http ? http : null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
