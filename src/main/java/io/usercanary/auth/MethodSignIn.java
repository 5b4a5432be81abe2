package io.usercanary.auth;

import io.usercanary.config.AccountConfig;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;

/** Signs each account in the way its {@code login} says: password or custom token. */
public final class MethodSignIn implements SignIn {
    private final SignIn password;
    private final SignIn customToken;

    public MethodSignIn(SignIn password, SignIn customToken) {
        this.password = password;
        this.customToken = customToken;
    }

    @Override
    public SignedIn signIn(AccountConfig account, Deadline deadline, FirebaseAuthClient.Observer observer)
            throws FirebaseError, HttpFailure {
        return switch (account.login()) {
            case PASSWORD -> password.signIn(account, deadline, observer);
            case CUSTOM_TOKEN -> customToken.signIn(account, deadline, observer);
        };
    }
}
