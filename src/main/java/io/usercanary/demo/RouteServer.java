package io.usercanary.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.function.Function;

/** Request → answer routes served on {@code 127.0.0.1} at a free port, on the JDK's HTTP server. */
public final class RouteServer implements AutoCloseable {
    private final HttpServer server;

    private RouteServer(HttpServer server) {
        this.server = server;
    }

    /** Binds {@code 127.0.0.1:0} and starts serving {@code routes}; worker threads are named after {@code name}. */
    public static RouteServer start(String name, Function<DemoRequest, DemoAnswer> routes) throws IOException {
        HttpServer server = Exchanges.loopbackServer(name, routes);
        server.start();
        return new RouteServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops at once, worker threads with it. */
    @Override
    public void close() {
        Exchanges.stop(server);
    }
}
