package io.usercanary.auth;

import io.usercanary.config.AccountConfig;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code firebase.reuseTokens}: keeps each account's tokens between runs. The ID token is used as it is
 * ({@code cached}) until {@link #EXPIRY_MARGIN} before it expires, then refreshed through the secure token
 * endpoint ({@code refresh}); a full sign-in runs at least every {@code fullLoginEvery}, and whenever a
 * refresh is refused. Cuts Firebase sign-ins (and their throttling) to one per account per {@code fullLoginEvery}.
 * Thread-safe; runs of one account are expected not to overlap.
 */
public final class ReusingSignIn implements SignIn {
    /** Refresh this long before the ID token expires, so a run never sends one that lapses mid-flow. */
    public static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ReusingSignIn.class);

    private final SignIn fullSignIn;
    private final FirebaseAuthClient client;
    private final Clock clock;
    private final Duration fullLoginEvery;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /** The tokens of one account, for the config it was signed in with. */
    private record Held(AccountConfig account, FirebaseTokens tokens, Instant expiresAt, Instant fullSignInAt) {}

    public ReusingSignIn(SignIn fullSignIn, FirebaseAuthClient client, Clock clock, Duration fullLoginEvery) {
        this.fullSignIn = fullSignIn;
        this.client = client;
        this.clock = clock;
        this.fullLoginEvery = fullLoginEvery;
    }

    @Override
    public SignedIn signIn(AccountConfig account, Deadline deadline, FirebaseAuthClient.Observer observer)
            throws FirebaseError, HttpFailure {
        Instant now = clock.instant();
        Held current = held.get(account.name());
        if (current == null || !current.account().equals(account) || !now.isBefore(current.fullSignInAt().plus(fullLoginEvery))) {
            return fullSignIn(account, deadline, observer);
        }
        if (now.isBefore(current.expiresAt().minus(EXPIRY_MARGIN))) {
            return new SignedIn(current.tokens(), "cached");
        }
        if (current.tokens().refreshToken() == null) {
            return fullSignIn(account, deadline, observer);
        }
        FirebaseTokens refreshed;
        try {
            refreshed = client.refresh(current.tokens().refreshToken(), deadline, observer);
        } catch (FirebaseError e) {
            if (e.throttled()) {
                throw e; // a sign-in now would be throttled too; the caller backs off
            }
            LOG.info("account {}: token refresh refused ({}); signing in again", account.name(), e.code());
            return fullSignIn(account, deadline, observer);
        }
        FirebaseTokens kept = refreshed.refreshToken() != null ? refreshed
                : new FirebaseTokens(refreshed.idToken(), current.tokens().refreshToken(), refreshed.expiresIn(), refreshed.localId());
        held.put(account.name(), new Held(account, kept, now.plus(kept.expiresIn()), current.fullSignInAt()));
        return new SignedIn(kept, "refresh");
    }

    @Override
    public void forget(AccountConfig account) {
        held.remove(account.name());
        fullSignIn.forget(account);
    }

    private SignedIn fullSignIn(AccountConfig account, Deadline deadline, FirebaseAuthClient.Observer observer)
            throws FirebaseError, HttpFailure {
        held.remove(account.name());
        SignedIn signedIn = fullSignIn.signIn(account, deadline, observer);
        Instant now = clock.instant();
        held.put(account.name(), new Held(account, signedIn.tokens(), now.plus(signedIn.tokens().expiresIn()), now));
        return signedIn;
    }
}
