package io.usercanary.auth;

import com.google.firebase.auth.FirebaseAuthException;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.LoginMethod;
import io.usercanary.config.Secret;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;

/**
 * {@code login: customToken}: firebase-admin mints a custom token for the account's uid (signed with the
 * service account; unsigned against the emulator), then {@code accounts:signInWithCustomToken}.
 */
public final class CustomTokenSignIn implements SignIn {
    private final FirebaseAuthClient client;
    private final FirebaseAdmin.Source admin;

    public CustomTokenSignIn(FirebaseAuthClient client, FirebaseAdmin.Source admin) {
        this.client = client;
        this.admin = admin;
    }

    @Override
    public SignedIn signIn(AccountConfig account, Deadline deadline, FirebaseAuthClient.Observer observer)
            throws FirebaseError, HttpFailure {
        SignIn.requireMethod(account, LoginMethod.CUSTOM_TOKEN);
        Secret token = mint(account.uid());
        return new SignedIn(client.signInWithCustomToken(token, deadline, observer), "customToken");
    }

    private Secret mint(String uid) throws FirebaseError {
        try {
            return Secret.of(admin.get().auth().createCustomToken(uid));
        } catch (FirebaseAdmin.Unavailable e) {
            throw new FirebaseError(0, "ADMIN_UNAVAILABLE", "firebase-admin unavailable: " + e.getMessage());
        } catch (FirebaseAuthException e) {
            throw new FirebaseError(0, "CUSTOM_TOKEN_NOT_MINTED", "custom token not minted: "
                    + (e.getAuthErrorCode() != null ? e.getAuthErrorCode() : e.getErrorCode()) + " " + firstLine(e.getMessage()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // createCustomToken rejects a malformed uid, or credentials that cannot sign, with these.
            throw new FirebaseError(0, "CUSTOM_TOKEN_NOT_MINTED", "custom token not minted: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
