package io.usercanary.auth;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.FirebaseConfig;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code firebase.reuseTokens}: keeps each account's tokens between runs. The ID token is used as it is
 * ({@code cached}) until {@link #EXPIRY_MARGIN} before it expires, then refreshed through the secure token
 * endpoint ({@code refresh}); a full sign-in runs at least every {@code fullLoginEvery}, and whenever a
 * refresh is refused. Cuts Firebase sign-ins (and their throttling) to one per account per {@code fullLoginEvery}.
 * The tokens live in each account's {@link SignInState}, which outlives this chain: a reloaded config keeps
 * them unless the account's {@link SignInState.Settings} changed. Thread-safe; runs of one account do not overlap.
 */
public final class ReusingSignIn implements SignIn {
    /** Refresh this long before the ID token expires, so a run never sends one that lapses mid-flow. */
    public static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ReusingSignIn.class);

    private final SignIn fullSignIn;
    private final FirebaseAuthClient client;
    private final Clock clock;
    private final FirebaseConfig firebase;
    private final Duration fullLoginEvery;
    private final SignInState.Source states;

    public ReusingSignIn(SignIn fullSignIn, FirebaseAuthClient client, Clock clock, FirebaseConfig firebase,
                         SignInState.Source states) {
        this.fullSignIn = fullSignIn;
        this.client = client;
        this.clock = clock;
        this.firebase = firebase;
        this.fullLoginEvery = firebase.fullLoginEvery();
        this.states = states;
    }

    @Override
    public SignedIn signIn(AccountConfig account, Deadline deadline, FirebaseAuthClient.Observer observer)
            throws FirebaseError, HttpFailure {
        Instant now = clock.instant();
        SignInState state = states.of(account.name());
        SignInState.Settings settings = SignInState.Settings.of(firebase, account);
        SignInState.Held current = state.held();
        if (current == null || !current.settings().equals(settings) || !now.isBefore(current.fullSignInAt().plus(fullLoginEvery))) {
            return fullSignIn(state, settings, account, deadline, observer);
        }
        if (now.isBefore(current.expiresAt().minus(EXPIRY_MARGIN))) {
            return new SignedIn(current.tokens(), "cached");
        }
        if (current.tokens().refreshToken() == null) {
            return fullSignIn(state, settings, account, deadline, observer);
        }
        FirebaseTokens refreshed;
        try {
            refreshed = client.refresh(current.tokens().refreshToken(), deadline, observer);
        } catch (FirebaseError e) {
            if (e.throttled()) {
                throw e; // a sign-in now would be throttled too; the caller backs off
            }
            LOG.info("account {}: token refresh refused ({}); signing in again", account.name(), e.code());
            return fullSignIn(state, settings, account, deadline, observer);
        }
        FirebaseTokens kept = refreshed.refreshToken() != null ? refreshed
                : new FirebaseTokens(refreshed.idToken(), current.tokens().refreshToken(), refreshed.expiresIn(), refreshed.localId());
        state.hold(new SignInState.Held(settings, kept, now.plus(kept.expiresIn()), current.fullSignInAt()));
        return new SignedIn(kept, "refresh");
    }

    @Override
    public void forget(AccountConfig account) {
        states.of(account.name()).forgetTokens();
        fullSignIn.forget(account);
    }

    private SignedIn fullSignIn(SignInState state, SignInState.Settings settings, AccountConfig account, Deadline deadline,
                                FirebaseAuthClient.Observer observer) throws FirebaseError, HttpFailure {
        state.forgetTokens();
        SignedIn signedIn = fullSignIn.signIn(account, deadline, observer);
        Instant now = clock.instant();
        state.hold(new SignInState.Held(settings, signedIn.tokens(), now.plus(signedIn.tokens().expiresIn()), now));
        return signedIn;
    }
}
