package io.usercanary.auth;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.LoginMethod;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;

/** How an account gets a Firebase ID token: password sign-in, a custom token, or a cached refresh. */
public interface SignIn {
    SignedIn signIn(AccountConfig account, Deadline deadline, FirebaseAuthClient.Observer observer)
            throws FirebaseError, HttpFailure;

    /** Drops anything kept for the account (cached tokens): it was deleted and created again. */
    default void forget(AccountConfig account) {}

    /** A sign-in handed an account of another login method is a wiring bug, not the account's failure. */
    static void requireMethod(AccountConfig account, LoginMethod method) {
        if (account.login() != method) {
            throw new IllegalStateException("account " + account.name() + " signs in with " + account.login().yaml());
        }
    }

    /** The tokens, and which path produced them ({@code password}, {@code customToken}, {@code refresh}, {@code cached}). */
    record SignedIn(FirebaseTokens tokens, String path) {}
}
