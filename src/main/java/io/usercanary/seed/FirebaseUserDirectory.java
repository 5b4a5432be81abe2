package io.usercanary.seed;

import com.google.firebase.auth.AbstractFirebaseAuth;
import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.UserRecord;
import io.usercanary.auth.FirebaseAdmin;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.FirebaseConfig;
import io.usercanary.config.LoginMethod;
import io.usercanary.config.Secret;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** {@link UserDirectory} through firebase-admin's project or tenant-aware auth ({@link FirebaseAdmin#auth()}). Thread-safe. */
public final class FirebaseUserDirectory implements UserDirectory {
    private final AbstractFirebaseAuth auth;

    public FirebaseUserDirectory(AbstractFirebaseAuth auth) {
        this.auth = auth;
    }

    /** The directory of the process's shared firebase-admin app for these settings, set up on first use. */
    public static Source sharedFor(FirebaseConfig config) {
        return () -> {
            try {
                return new FirebaseUserDirectory(FirebaseAdmin.shared(config).auth());
            } catch (FirebaseAdmin.Unavailable e) {
                throw new DirectoryException("firebase-admin unavailable: " + e.getMessage());
            }
        };
    }

    @Override
    public Optional<CanaryUser> find(AccountConfig account) throws DirectoryException {
        try {
            UserRecord user = account.login() == LoginMethod.CUSTOM_TOKEN
                    ? auth.getUser(account.uid()) : auth.getUserByEmail(account.email());
            return Optional.of(of(user));
        } catch (FirebaseAuthException e) {
            if (e.getAuthErrorCode() == AuthErrorCode.USER_NOT_FOUND) {
                return Optional.empty();
            }
            throw failed("look up", e);
        }
    }

    @Override
    public CanaryUser create(AccountConfig account) throws DirectoryException {
        UserRecord user;
        try {
            UserRecord.CreateRequest request = new UserRecord.CreateRequest().setDisabled(false);
            if (account.uid() != null) {
                request.setUid(account.uid());
            }
            if (account.email() != null) {
                request.setEmail(account.email());
            }
            if (account.password() != null) {
                request.setPassword(account.password().reveal());
            }
            user = auth.createUser(request);
        } catch (FirebaseAuthException e) {
            throw failed("create", e);
        } catch (IllegalArgumentException e) {
            // firebase-admin checks email, uid and password length before sending; its message never holds the password
            throw new DirectoryException("firebase-admin could not create the user: " + e.getMessage());
        }
        Map<String, Object> claims = Map.of(CanaryUser.CLAIM, true);
        setClaims(user.getUid(), claims);
        return new CanaryUser(user.getUid(), user.getEmail(), Instant.ofEpochMilli(user.getUserMetadata().getCreationTimestamp()),
                user.isDisabled(), claims);
    }

    @Override
    public void enable(String uid) throws DirectoryException {
        update(new UserRecord.UpdateRequest(uid).setDisabled(false), "enable");
    }

    @Override
    public void setPassword(String uid, Secret password) throws DirectoryException {
        try {
            update(new UserRecord.UpdateRequest(uid).setPassword(password.reveal()), "set the password of");
        } catch (IllegalArgumentException e) {
            throw new DirectoryException("firebase-admin could not set the password of the user: " + e.getMessage());
        }
    }

    @Override
    public void setClaims(String uid, Map<String, Object> claims) throws DirectoryException {
        try {
            auth.setCustomUserClaims(uid, claims);
        } catch (FirebaseAuthException e) {
            throw failed("set the claims of", e);
        }
    }

    @Override
    public void delete(String uid) throws DirectoryException {
        try {
            auth.deleteUser(uid);
        } catch (FirebaseAuthException e) {
            throw failed("delete", e);
        }
    }

    private void update(UserRecord.UpdateRequest request, String what) throws DirectoryException {
        try {
            auth.updateUser(request);
        } catch (FirebaseAuthException e) {
            throw failed(what, e);
        } catch (IllegalArgumentException e) {
            throw new DirectoryException("firebase-admin could not " + what + " the user: " + e.getMessage());
        }
    }

    private static CanaryUser of(UserRecord user) {
        return new CanaryUser(user.getUid(), user.getEmail(), Instant.ofEpochMilli(user.getUserMetadata().getCreationTimestamp()),
                user.isDisabled(), user.getCustomClaims());
    }

    /** firebase-admin's messages name the problem, never a password. */
    private static DirectoryException failed(String what, FirebaseAuthException e) {
        Object code = e.getAuthErrorCode() != null ? e.getAuthErrorCode() : e.getErrorCode();
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return new DirectoryException("firebase-admin could not " + what + " the user (" + code + ")" + message);
    }
}
