package io.usercanary.auth;

import io.usercanary.config.AccountConfig;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;

/** How an account gets a Firebase ID token: password sign-in, a custom token, or a cached refresh. */
public interface SignIn {
    SignedIn signIn(AccountConfig account, Deadline deadline, FirebaseAuthClient.Observer observer)
            throws FirebaseError, HttpFailure;

    /** Drops anything kept for the account (cached tokens): it was deleted and created again. */
    default void forget(AccountConfig account) {}

    /** The tokens, and which path produced them ({@code password}, {@code customToken}, {@code refresh}, {@code cached}). */
    record SignedIn(FirebaseTokens tokens, String path) {}
}
