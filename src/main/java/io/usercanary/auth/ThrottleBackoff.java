package io.usercanary.auth;

import io.usercanary.config.AccountConfig;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs an account off after Firebase throttles it ({@code TOO_MANY_ATTEMPTS_TRY_LATER}, {@code QUOTA_EXCEEDED},
 * HTTP 429): its runs fail at login without calling Firebase until the backoff ends. The wait doubles with
 * each throttled attempt, {@link #FIRST} up to {@link #LONGEST}, and resets on a successful sign-in.
 * Other accounts are not affected. The backoff lives in each account's {@link SignInState}, so a config reload
 * during throttling does not send every sign-in at once. Thread-safe.
 */
public final class ThrottleBackoff implements SignIn {
    public static final Duration FIRST = Duration.ofMinutes(1);
    public static final Duration LONGEST = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(ThrottleBackoff.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final SignIn delegate;
    private final Clock clock;
    private final SignInState.Source states;

    public ThrottleBackoff(SignIn delegate, Clock clock, SignInState.Source states) {
        this.delegate = delegate;
        this.clock = clock;
        this.states = states;
    }

    @Override
    public SignedIn signIn(AccountConfig account, Deadline deadline, FirebaseAuthClient.Observer observer)
            throws FirebaseError, HttpFailure {
        SignInState state = states.of(account.name());
        SignInState.Backoff backoff = state.backoff();
        Instant now = clock.instant();
        if (backoff != null && now.isBefore(backoff.until())) {
            // The run keeps Firebase's code, so it is still labelled as throttled while it waits.
            throw new FirebaseError(0, backoff.code(), "backing off after " + backoff.code() + " until "
                    + TIME.format(backoff.until().atZone(clock.getZone())));
        }
        try {
            SignedIn signedIn = delegate.signIn(account, deadline, observer);
            if (backoff != null) {
                state.backOff(null);
                LOG.info("account {}: signed in again after backing off; backoff reset", account.name());
            }
            return signedIn;
        } catch (FirebaseError e) {
            if (e.throttled()) {
                Duration wait = backoff == null ? FIRST : min(backoff.delay().multipliedBy(2), LONGEST);
                Instant until = clock.instant().plus(wait);
                state.backOff(new SignInState.Backoff(e.code(), until, wait));
                LOG.warn("account {}: Firebase throttled it ({}); no sign-in for {} s, until {}", account.name(), e.code(),
                        wait.toSeconds(), until);
            }
            throw e;
        }
    }

    @Override
    public void forget(AccountConfig account) {
        delegate.forget(account);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
