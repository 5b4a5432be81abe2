package io.usercanary.probe;

import io.usercanary.auth.SignInState;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The {@link AccountState} of every configured account, the one place an account's state lives. A reload
 * ({@link #apply}) keeps the state of accounts that remain, drops that of accounts removed (re-added, they
 * start clean), and drops the tokens of an account whose Firebase settings changed. A run of an account
 * that is not configured (removed while it ran) gets a state of its own that nothing keeps. Thread-safe.
 */
public final class AccountStates implements SignInState.Source {
    private final Map<String, AccountState> states = new ConcurrentHashMap<>();
    private volatile CanaryConfig config;

    public AccountStates(CanaryConfig config) {
        this.config = config;
    }

    /** The state of the named account; a detached, fresh one when the account is not configured. */
    public AccountState of(AccountConfig account) {
        return state(account.name());
    }

    @Override
    public SignInState of(String account) {
        return state(account).signIn();
    }

    private AccountState state(String name) {
        AccountState kept = states.get(name);
        if (kept != null) {
            return kept;
        }
        if (config.account(name).isEmpty()) {
            return new AccountState();
        }
        return states.computeIfAbsent(name, n -> new AccountState());
    }

    /** The cohort of each account whose cohort is known, configured or derived: what the metrics pre-register. */
    public Map<String, String> cohorts() {
        Map<String, String> cohorts = new LinkedHashMap<>();
        for (AccountConfig account : config.accounts()) {
            String cohort = account.cohort() != null ? account.cohort() : of(account).derivedCohort();
            if (cohort != null) {
                cohorts.put(account.name(), cohort);
            }
        }
        return cohorts;
    }

    /** The config is now {@code next}: see the class comment. Cannot fail, so a reload can apply it last. */
    public synchronized void apply(CanaryConfig next) {
        config = next;
        Set<String> names = next.accounts().stream().map(AccountConfig::name).collect(Collectors.toSet());
        states.keySet().retainAll(names);
        for (AccountConfig account : next.accounts()) {
            AccountState kept = states.get(account.name());
            if (kept == null) {
                continue;
            }
            if (next.firebase().reuseTokens()) {
                kept.signIn().keepTokensOnlyFor(SignInState.Settings.of(next.firebase(), account));
            } else {
                kept.signIn().forgetTokens();
            }
        }
    }
}
