package io.usercanary.auth;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.LoginMethod;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;

/** {@code accounts:signInWithPassword} with the account's email and password. */
public final class PasswordSignIn implements SignIn {
    private final FirebaseAuthClient client;

    public PasswordSignIn(FirebaseAuthClient client) {
        this.client = client;
    }

    @Override
    public SignedIn signIn(AccountConfig account, Deadline deadline, FirebaseAuthClient.Observer observer)
            throws FirebaseError, HttpFailure {
        SignIn.requireMethod(account, LoginMethod.PASSWORD);
        return new SignedIn(client.signInWithPassword(account.email(), account.password(), deadline, observer), "password");
    }
}
