package io.usercanary.demo;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * {@link FirebaseAuthRoutes} served on {@code 127.0.0.1}, so the monitor reaches it with
 * {@code firebase.emulatorHost}. Thread-safe.
 */
public final class DemoFirebaseAuth implements AutoCloseable {
    static final String SIGN_IN = FirebaseAuthRoutes.SIGN_IN;
    static final String LOOKUP = FirebaseAuthRoutes.LOOKUP;
    static final String REFRESH = FirebaseAuthRoutes.REFRESH;

    private final RouteServer server;

    private DemoFirebaseAuth(FirebaseAuthRoutes routes) throws IOException {
        this.server = RouteServer.start("demo-firebase-auth", routes::answer);
    }

    /** Binds {@code 127.0.0.1:0} and starts serving. */
    public static DemoFirebaseAuth start(DemoAccounts accounts, DemoIdTokens idTokens, Clock clock, SecureRandom random)
            throws IOException {
        DemoFirebaseAuth auth = new DemoFirebaseAuth(new FirebaseAuthRoutes(accounts, new SignedTokens(idTokens, clock, random), clock));
        return auth;
    }

    public int port() {
        return server.port();
    }

    /** {@code 127.0.0.1:PORT}: the value for {@code firebase.emulatorHost}. */
    public String emulatorHost() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close();
    }
}
