package io.usercanary.seed;

import io.usercanary.auth.FirebaseAuthClient;
import io.usercanary.auth.FirebaseError;
import io.usercanary.config.AccountConfig;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;
import java.time.Duration;

/** Whether an account's configured password is the one Firebase holds: a password cannot be read, only tried. */
final class PasswordCheck {
    enum Verdict { MATCHES, WRONG, DISABLED }

    private final FirebaseAuthClient client;
    private final Duration timeout;

    PasswordCheck(FirebaseAuthClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** One REST sign-in with the configured password; Firebase's other refusals are thrown. */
    Verdict check(AccountConfig account) throws FirebaseError, HttpFailure {
        try {
            client.signInWithPassword(account.email(), account.password(), Deadline.in(timeout), (path, result) -> {});
            return Verdict.MATCHES;
        } catch (FirebaseError e) {
            if (e.badCredentials()) {
                return Verdict.WRONG;
            }
            if (e.code().equals("USER_DISABLED")) {
                return Verdict.DISABLED;
            }
            throw e;
        }
    }
}
