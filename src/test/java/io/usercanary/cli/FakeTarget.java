package io.usercanary.cli;

import io.usercanary.testing.FakeProduction;
import io.usercanary.testing.HostileBodies;
import java.io.IOException;
import java.net.InetAddress;
import mockwebserver3.MockWebServer;

/**
 * A stand-alone {@link FakeProduction} for scripts (scripts/measure-memory): prints {@code host:port} on
 * stdout, then serves until killed. Arguments: the port (default 0, any free one), then {@code hostile} to
 * answer the dashboards with {@link HostileBodies} (5 MB of tiny objects, a 4 MB string under equals).
 */
public final class FakeTarget {
    private FakeTarget() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        MockWebServer server = new MockWebServer();
        FakeProduction production = new FakeProduction();
        if (args.length > 1 && args[1].equals("hostile")) {
            HostileBodies.answer(production);
        }
        server.setDispatcher(production);
        server.start(InetAddress.getLoopbackAddress(), port);
        System.out.println(server.getHostName() + ":" + server.getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
