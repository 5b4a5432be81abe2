package io.usercanary.cli;

import io.usercanary.testing.FakeProduction;
import java.io.IOException;
import java.net.InetAddress;
import mockwebserver3.MockWebServer;

/**
 * A stand-alone {@link FakeProduction} for scripts (scripts/measure-memory): prints {@code host:port} on
 * stdout, then serves until killed. Argument: the port (default 0, any free one).
 */
public final class FakeTarget {
    private FakeTarget() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new FakeProduction());
        server.start(InetAddress.getLoopbackAddress(), port);
        System.out.println(server.getHostName() + ":" + server.getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
