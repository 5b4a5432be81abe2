package io.usercanary.seed;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.Secret;
import java.util.Map;
import java.util.Optional;

/** The Firebase users behind canary accounts: firebase-admin in production, a hand-written fake in tests. */
public interface UserDirectory {
    /** By email for {@code login: password}, by uid for {@code login: customToken}. */
    Optional<CanaryUser> find(AccountConfig account) throws DirectoryException;

    /** Creates the account's user (email, password, uid as configured), enabled and marked with {@link CanaryUser#CLAIM}. */
    CanaryUser create(AccountConfig account) throws DirectoryException;

    void enable(String uid) throws DirectoryException;

    void setPassword(String uid, Secret password) throws DirectoryException;

    /** Replaces the user's custom claims with {@code claims}. */
    void setClaims(String uid, Map<String, Object> claims) throws DirectoryException;

    void delete(String uid) throws DirectoryException;

    /** Where a component gets its directory when it first needs one. */
    @FunctionalInterface
    interface Source {
        UserDirectory get() throws DirectoryException;
    }
}
