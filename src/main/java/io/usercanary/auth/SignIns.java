package io.usercanary.auth;

import io.usercanary.config.FirebaseConfig;
import java.time.Clock;

/** The one place that decides how accounts sign in, so {@code check}, the daemon and the demo behave alike. */
public final class SignIns {
    private SignIns() {}

    /** As {@link #forConfig(FirebaseConfig, FirebaseAuthClient, Clock, FirebaseAdmin.Source, SignInState.Source)}, with states of its own. */
    public static SignIn forConfig(FirebaseConfig config, FirebaseAuthClient client, Clock clock, FirebaseAdmin.Source admin) {
        return forConfig(config, client, clock, admin, SignInState.Source.inMemory());
    }

    /**
     * Per account by its {@code login} (password or custom token), with tokens kept and refreshed when
     * {@code firebase.reuseTokens} is on, and every account backed off while Firebase throttles it.
     * Tokens and backoffs are kept in {@code states}, which may outlive the chain (the daemon's reloads).
     * firebase-admin is only set up when a custom token is first needed.
     */
    public static SignIn forConfig(FirebaseConfig config, FirebaseAuthClient client, Clock clock, FirebaseAdmin.Source admin,
                                   SignInState.Source states) {
        SignIn signIn = new MethodSignIn(new PasswordSignIn(client), new CustomTokenSignIn(client, admin));
        if (config.reuseTokens()) {
            signIn = new ReusingSignIn(signIn, client, clock, config, states);
        }
        return new ThrottleBackoff(signIn, clock, states);
    }
}
