package io.usercanary.auth;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.FirebaseConfig;
import io.usercanary.config.LoginMethod;
import io.usercanary.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one account's sign-in keeps between runs: its tokens ({@link ReusingSignIn}) and its throttle backoff
 * ({@link ThrottleBackoff}). It outlives the sign-in chain, so a config reload neither signs the account in
 * with its password again nor forgets that Firebase asked it to wait. Thread-safe; runs of one account do not overlap.
 */
public final class SignInState {
    private volatile Held held;
    private volatile Backoff backoff;

    /**
     * The Firebase settings tokens were obtained with; tokens kept for other settings are never used.
     * A change of any of these (API key, endpoint, project, credentials, login method, email, uid, password) drops them.
     */
    public record Settings(Secret apiKey, String emulatorHost, String projectId, Path credentialsFile,
                           LoginMethod login, String email, String uid, Secret password) {
        public static Settings of(FirebaseConfig firebase, AccountConfig account) {
            return new Settings(firebase.apiKey(), firebase.emulatorHost(), firebase.projectId(), firebase.credentialsFile(),
                    account.login(), account.email(), account.uid(), account.password());
        }

        @Override
        public String toString() {
            return "Settings[" + login + " " + (login == LoginMethod.PASSWORD ? email : uid) + "]";
        }
    }

    /** Tokens of the account, the settings they came from, when they expire and when the last full sign-in was. */
    record Held(Settings settings, FirebaseTokens tokens, Instant expiresAt, Instant fullSignInAt) {}

    /** Why and until when the account waits, and how long it waited last. */
    record Backoff(String code, Instant until, Duration delay) {}

    /** Where a sign-in finds each account's state: the daemon's per-account states, or a map of its own. */
    @FunctionalInterface
    public interface Source {
        SignInState of(String account);

        /** States held by this source alone, for a sign-in chain that lives as long as its runner ({@code check}). */
        static Source inMemory() {
            Map<String, SignInState> states = new ConcurrentHashMap<>();
            return account -> states.computeIfAbsent(account, name -> new SignInState());
        }
    }

    Held held() {
        return held;
    }

    void hold(Held tokens) {
        held = tokens;
    }

    Backoff backoff() {
        return backoff;
    }

    void backOff(Backoff next) {
        backoff = next;
    }

    /** Drops the tokens (the account was created again, or signs in differently now); a backoff stays. */
    public void forgetTokens() {
        held = null;
    }

    /** Drops the tokens unless they were obtained with {@code settings}. */
    public void keepTokensOnlyFor(Settings settings) {
        Held current = held;
        if (current != null && !current.settings().equals(settings)) {
            held = null;
        }
    }

    /** True while tokens are kept. */
    public boolean holdsTokens() {
        return held != null;
    }
}
