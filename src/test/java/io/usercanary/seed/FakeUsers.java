package io.usercanary.seed;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.LoginMethod;
import io.usercanary.config.Secret;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An in-memory {@link UserDirectory} that records what was asked of it and fails when told to. */
final class FakeUsers implements UserDirectory {
    final Map<String, CanaryUser> users = new LinkedHashMap<>();
    final Map<String, Secret> passwords = new LinkedHashMap<>();
    final List<String> deleted = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    private final Clock clock;
    String failCreateWith;

    FakeUsers(Clock clock) {
        this.clock = clock;
    }

    /** Puts a user with this email (or uid) created at {@code createdAt}, marked as a canary or not. */
    CanaryUser add(AccountConfig account, Instant createdAt, boolean marked) {
        String uid = account.uid() != null ? account.uid() : "uid-" + UUID.randomUUID().toString().substring(0, 6);
        CanaryUser user = new CanaryUser(uid, account.email(), createdAt, false, marked ? Map.of(CanaryUser.CLAIM, true) : Map.of());
        users.put(uid, user);
        return user;
    }

    @Override
    public synchronized Optional<CanaryUser> find(AccountConfig account) {
        calls.add("find " + account.name());
        return users.values().stream()
                .filter(u -> account.login() == LoginMethod.CUSTOM_TOKEN ? u.uid().equals(account.uid()) : account.email().equals(u.email()))
                .findFirst();
    }

    @Override
    public synchronized CanaryUser create(AccountConfig account) throws DirectoryException {
        calls.add("create " + account.name());
        if (failCreateWith != null) {
            throw new DirectoryException(failCreateWith);
        }
        CanaryUser user = new CanaryUser(account.uid() != null ? account.uid() : "uid-" + UUID.randomUUID().toString().substring(0, 6),
                account.email(), clock.instant(), false, Map.of(CanaryUser.CLAIM, true));
        users.put(user.uid(), user);
        if (account.password() != null) {
            passwords.put(user.uid(), account.password());
        }
        return user;
    }

    @Override
    public synchronized void enable(String uid) {
        calls.add("enable " + uid);
        CanaryUser u = users.get(uid);
        users.put(uid, new CanaryUser(uid, u.email(), u.createdAt(), false, u.claims()));
    }

    @Override
    public synchronized void setPassword(String uid, Secret password) {
        calls.add("setPassword " + uid);
        passwords.put(uid, password);
    }

    @Override
    public synchronized void setClaims(String uid, Map<String, Object> claims) {
        calls.add("setClaims " + uid);
        CanaryUser u = users.get(uid);
        users.put(uid, new CanaryUser(uid, u.email(), u.createdAt(), u.disabled(), claims));
    }

    @Override
    public synchronized void delete(String uid) {
        calls.add("delete " + uid);
        deleted.add(uid);
        users.remove(uid);
    }
}
