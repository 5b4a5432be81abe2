package io.usercanary.demo;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every email is an account, signing in with any password but one: the directory of a fake production for
 * tests, where the accounts are whatever the config under test names. All share one uid; a lookup of it is
 * the account that signed in last, created at whatever {@code createdAt} says at that moment. Thread-safe.
 */
public final class AnyPasswordAccounts implements AccountDirectory {
    private final String localId;
    private final String refusedPassword;
    private final Supplier<Instant> createdAt;
    private volatile String lastEmail = "canary@" + DemoAccounts.EMAIL_DOMAIN;

    public AnyPasswordAccounts(String localId, String refusedPassword, Supplier<Instant> createdAt) {
        this.localId = localId;
        this.refusedPassword = refusedPassword;
        this.createdAt = createdAt;
    }

    @Override
    public Optional<DemoAccount> signIn(String email, String password) {
        if (password.equals(refusedPassword)) {
            return Optional.empty();
        }
        lastEmail = email.trim().toLowerCase(Locale.ROOT);
        return byLocalId(localId);
    }

    @Override
    public Optional<DemoAccount> byLocalId(String wanted) {
        if (!wanted.equals(localId)) {
            return Optional.empty();
        }
        String email = lastEmail;
        String name = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        return Optional.of(new DemoAccount(name, email, "", localId, createdAt.get(), "any age"));
    }
}
