package io.usercanary.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates JDK HTTP servers with TCP_NODELAY. Without it, the server's small writes meet the client's
 * delayed ACK and every response stalls about 40 ms: on the demo a 15 ms flow took 140 ms.
 */
public final class JdkHttpServers {
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private JdkHttpServers() {}

    /** The property is read once, when the JDK's server classes load: call this before any server exists. */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        return HttpServer.create(address, backlog);
    }
}
