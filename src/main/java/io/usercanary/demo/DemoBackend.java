package io.usercanary.demo;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/** {@link BackendRoutes}, the sample customer backend, served on {@code 127.0.0.1}. Thread-safe. */
public final class DemoBackend implements AutoCloseable {
    /** Response header naming the database that answered: {@code prod-main} or {@code prod-main-clone}. */
    public static final String DB_NAME_HEADER = "X-Db-Name";

    private final RouteServer server;

    private DemoBackend(BackendRoutes routes) throws IOException {
        this.server = RouteServer.start("demo-backend", routes::answer);
    }

    /**
     * Binds {@code 127.0.0.1:0} and starts serving.
     *
     * @param database asked on every API request, so a timeline can repoint the backend at any moment
     */
    public static DemoBackend start(DemoAccounts accounts, DemoIdTokens idTokens, Supplier<DemoDatabase> database,
            Clock clock, SecureRandom random) throws IOException {
        return start(accounts, idTokens, database, clock, random, TransientFault.NONE);
    }

    /** The same, with one transient 502 per account's dashboard request after the fault's time. */
    public static DemoBackend start(DemoAccounts accounts, DemoIdTokens idTokens, Supplier<DemoDatabase> database,
            Clock clock, SecureRandom random, TransientFault fault) throws IOException {
        DemoBackend backend = new DemoBackend(new BackendRoutes(accounts, new SignedTokens(idTokens, clock, random), database, clock, fault));
        return backend;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT}: the value for {@code backend.baseUrl}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close();
    }
}
