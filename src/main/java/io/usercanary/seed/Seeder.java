package io.usercanary.seed;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usercanary.auth.FirebaseError;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.Durations;
import io.usercanary.config.LoginMethod;
import io.usercanary.http.BoundedHttp;
import io.usercanary.http.HttpFailure;
import io.usercanary.probe.FlowRunner;
import io.usercanary.probe.RunResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes Firebase hold the config's canary accounts: creates the missing ones (then sends their
 * {@code provision} requests), and makes existing ones enabled, with the configured password and the
 * {@code usercanary} claim. A second run changes nothing. A dry run only reads (and tries each password).
 */
public final class Seeder {
    private final CanaryConfig config;
    private final UserDirectory directory;
    private final PasswordCheck passwords;
    private final EphemeralAccounts ephemeral;
    private final Provisioner provisioner;
    private final Clock clock;

    /**
     * For the config's project: {@code directory} from firebase-admin, passwords tried and provision requests
     * sent through the same Firebase client and flow as {@code check}.
     */
    public static Seeder create(CanaryConfig config, UserDirectory directory, BoundedHttp http, Clock clock) {
        FlowRunner runner = FlowRunner.create(config, http, clock);
        EphemeralAccounts ephemeral = new EphemeralAccounts(() -> directory, clock, new SimpleMeterRegistry());
        return new Seeder(config, directory, new PasswordCheck(FlowRunner.firebaseClient(config, http), config.schedule().timeout()),
                ephemeral, runner::provision, clock);
    }

    Seeder(CanaryConfig config, UserDirectory directory, PasswordCheck passwords, EphemeralAccounts ephemeral,
           Provisioner provisioner, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.passwords = passwords;
        this.ephemeral = ephemeral;
        this.provisioner = provisioner;
        this.clock = clock;
    }

    /** One row per account, in config order; an account that fails does not stop the others. */
    public List<SeedRow> seed(boolean dryRun) {
        List<SeedRow> rows = new ArrayList<>();
        for (AccountConfig account : config.accounts()) {
            rows.add(seed(account, dryRun));
        }
        return rows;
    }

    private SeedRow seed(AccountConfig account, boolean dryRun) {
        Optional<CanaryUser> found;
        try {
            found = directory.find(account);
        } catch (DirectoryException e) {
            return failed(account, null, e.getMessage());
        }
        if (found.isEmpty()) {
            return dryRun ? row(account, null, SeedRow.Action.CREATED, provisionNote(account, "then provision"))
                    : create(account);
        }
        CanaryUser user = found.get();
        if (account.login() == LoginMethod.PASSWORD && account.uid() != null && !account.uid().equals(user.uid())) {
            return failed(account, user, "the user with this email has uid " + user.uid() + ", the config says " + account.uid()
                    + " (a uid cannot be changed)");
        }
        if (account.ephemeral() != null && user.marked() && ephemeral.due(account, user, clock.instant())) {
            return dryRun ? row(account, user, SeedRow.Action.RECREATED, olderThan(account)) : recreate(account, user);
        }
        try {
            List<String> changes = update(account, user, dryRun);
            return row(account, user, changes.isEmpty() ? SeedRow.Action.UNCHANGED : SeedRow.Action.UPDATED, String.join(", ", changes));
        } catch (DirectoryException e) {
            return failed(account, user, e.getMessage());
        } catch (FirebaseError e) {
            return failed(account, user, "password check: " + e.getMessage());
        } catch (HttpFailure e) {
            return failed(account, user, "password check: Firebase: " + e.getMessage());
        }
    }

    private SeedRow create(AccountConfig account) {
        CanaryUser user;
        try {
            user = directory.create(account);
        } catch (DirectoryException e) {
            return failed(account, null, e.getMessage());
        }
        if (account.provision().isEmpty()) {
            return row(account, user, SeedRow.Action.CREATED, "");
        }
        RunResult provisioned = provisioner.provision(account);
        if (!provisioned.passed()) {
            return failed(account, user, "created, but provisioning failed: " + provisioned.outcome().label() + ": "
                    + provisioned.detail());
        }
        return row(account, user, SeedRow.Action.CREATED, provisionNote(account, "provisioned"));
    }

    private SeedRow recreate(AccountConfig account, CanaryUser user) {
        try {
            EphemeralAccounts.Renewal prepared = ephemeral.recreate(account, Optional.of(user), provisioner);
            if (prepared.failed()) {
                return failed(account, null, prepared.failure());
            }
            Optional<CanaryUser> fresh = directory.find(account);
            return row(account, fresh.orElse(null), SeedRow.Action.RECREATED, olderThan(account));
        } catch (DirectoryException e) {
            return failed(account, null, "ephemeral account could not be recreated: " + e.getMessage());
        }
    }

    /** The changes an existing user needs, made unless {@code dryRun}; empty when it is as configured. */
    private List<String> update(AccountConfig account, CanaryUser user, boolean dryRun)
            throws DirectoryException, FirebaseError, HttpFailure {
        List<String> changes = new ArrayList<>();
        if (user.disabled()) {
            if (!dryRun) {
                directory.enable(user.uid());
            }
            changes.add("enabled");
        }
        if (account.login() == LoginMethod.PASSWORD) {
            switch (passwords.check(account)) {
                case MATCHES -> { }
                case WRONG -> {
                    if (!dryRun) {
                        directory.setPassword(user.uid(), account.password());
                    }
                    changes.add("password");
                }
                case DISABLED -> {
                    if (!dryRun) {
                        throw new FirebaseError(400, "USER_DISABLED"); // still disabled after enabling it
                    }
                    changes.add("password (unchecked while disabled)");
                }
            }
        }
        if (!user.marked()) {
            if (!dryRun) {
                Map<String, Object> claims = new HashMap<>(user.claims());
                claims.put(CanaryUser.CLAIM, true);
                directory.setClaims(user.uid(), claims);
            }
            changes.add("claim " + CanaryUser.CLAIM);
        }
        return changes;
    }

    private SeedRow row(AccountConfig account, CanaryUser user, SeedRow.Action action, String detail) {
        if (user == null) {
            return new SeedRow(account.name(), null, null, null, account.cohort(), action, detail);
        }
        Duration age = user.age(clock.instant());
        String cohort = account.cohort() != null ? account.cohort() : config.cohortForAge(age);
        return new SeedRow(account.name(), user.uid(), user.createdAt(), age, cohort, action, detail);
    }

    private SeedRow failed(AccountConfig account, CanaryUser user, String why) {
        return row(account, user, SeedRow.Action.FAILED, why);
    }

    private static String provisionNote(AccountConfig account, String verb) {
        int requests = account.provision().size();
        return requests == 0 ? "" : verb + " " + requests + (requests == 1 ? " request" : " requests");
    }

    private static String olderThan(AccountConfig account) {
        return "ephemeral, older than " + Durations.format(account.ephemeral().maxAge());
    }
}
