package io.usercanary.seed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.Durations;
import io.usercanary.probe.RunResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code ephemeral} accounts young: before a run, an account older than its {@code maxAge} is deleted
 * and created again (same email and password, canary claim set), then its {@code provision} requests are
 * sent, so the newest cohort and the sign-up path are always covered. Accounts without {@code ephemeral} are
 * never touched, and a Firebase user without the canary claim is never deleted.
 *
 * <p>Counts each attempt in {@value #RECREATIONS} with {@code result} {@code created} or {@code failed}.
 * Thread-safe; one account is prepared by one thread at a time.
 */
public final class EphemeralAccounts {
    public static final String RECREATIONS = "usercanary.ephemeral.recreations";
    private static final Logger LOG = LoggerFactory.getLogger(EphemeralAccounts.class);

    private final UserDirectory.Source directory;
    private final Clock clock;
    private final Counter created;
    private final Counter failed;
    /** Creation time of each ephemeral account as last seen, so a young account costs no firebase-admin call. */
    private final Map<String, Instant> createdAt = new ConcurrentHashMap<>();
    /** Created but not provisioned: done again on the next run rather than checked without its data. */
    private final Set<String> unprovisioned = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Ready to run; {@code recreated} when the Firebase user is new (its kept tokens are stale); else why not. */
    public record Renewal(boolean recreated, String failure) {
        public static final Renewal READY = new Renewal(false, null);
        public static final Renewal RECREATED = new Renewal(true, null);

        public static Renewal failed(String failure) {
            return new Renewal(false, failure);
        }

        public boolean failed() {
            return failure != null;
        }
    }

    public EphemeralAccounts(UserDirectory.Source directory, Clock clock, MeterRegistry registry) {
        this.directory = directory;
        this.clock = clock;
        this.created = Counter.builder(RECREATIONS).tag("result", "created")
                .description("Ephemeral canary accounts deleted and created again, or created when missing").register(registry);
        this.failed = Counter.builder(RECREATIONS).tag("result", "failed")
                .description("Ephemeral canary accounts deleted and created again, or created when missing").register(registry);
    }

    /** For the config's Firebase project; firebase-admin is set up only when an account first needs renewing. */
    public static EphemeralAccounts forConfig(CanaryConfig config, Clock clock, MeterRegistry registry) {
        return new EphemeralAccounts(FirebaseUserDirectory.sharedFor(config.firebase()), clock, registry);
    }

    /**
     * Before a run: an ephemeral account older than its {@code maxAge} (or missing, or left unprovisioned) is
     * created again and provisioned; any other account is {@link Renewal#READY} at once. Never throws for
     * Firebase's failures: they are the renewal's failure.
     */
    public Renewal renewIfDue(AccountConfig account, Provisioner provisioner) {
        if (account.ephemeral() == null) {
            return Renewal.READY;
        }
        synchronized (locks.computeIfAbsent(account.name(), name -> new Object())) {
            Instant now = clock.instant();
            Instant known = createdAt.get(account.name());
            if (known != null && now.isBefore(known.plus(account.ephemeral().maxAge())) && !unprovisioned.contains(account.name())) {
                return Renewal.READY;
            }
            try {
                Optional<CanaryUser> user = directory.get().find(account);
                if (user.isPresent() && !due(account, user.get(), now)) {
                    createdAt.put(account.name(), user.get().createdAt());
                    return Renewal.READY;
                }
                return recreate(account, user, provisioner);
            } catch (DirectoryException e) {
                return failed(account, e.getMessage());
            }
        }
    }

    /** Older than {@code maxAge}, or created here earlier without its provision requests going through. */
    boolean due(AccountConfig account, CanaryUser user, Instant now) {
        return unprovisioned.contains(account.name()) || !now.isBefore(user.createdAt().plus(account.ephemeral().maxAge()));
    }

    /**
     * Deletes {@code existing} (if any) and creates the account again, then provisions it. Refuses for an
     * account that is not ephemeral (a programming error) and for a Firebase user without the canary claim.
     */
    Renewal recreate(AccountConfig account, Optional<CanaryUser> existing, Provisioner provisioner) throws DirectoryException {
        if (account.ephemeral() == null) {
            throw new IllegalStateException("account " + account.name() + " is not ephemeral; it is never deleted");
        }
        UserDirectory users = directory.get();
        if (existing.isPresent()) {
            CanaryUser old = existing.get();
            if (!old.marked()) {
                return failed(account, "its Firebase user " + old.uid() + " has no '" + CanaryUser.CLAIM
                        + "' claim, so it is not deleted (run seed to mark it as a canary)");
            }
            users.delete(old.uid());
        }
        CanaryUser fresh = users.create(account);
        createdAt.put(account.name(), fresh.createdAt());
        unprovisioned.add(account.name());
        if (!account.provision().isEmpty()) {
            RunResult provisioned = provisioner.provision(account);
            if (!provisioned.passed()) {
                return failed(account, "provisioning after creating it again: " + provisioned.outcome().label() + ": "
                        + provisioned.detail());
            }
        }
        unprovisioned.remove(account.name());
        created.increment();
        LOG.info("ephemeral account {}: {} (maxAge {}); now uid {}", account.name(),
                existing.map(u -> "created " + u.createdAt() + ", deleted and created again").orElse("missing, created"),
                Durations.format(account.ephemeral().maxAge()), fresh.uid());
        return Renewal.RECREATED;
    }

    private Renewal failed(AccountConfig account, String why) {
        failed.increment();
        LOG.warn("ephemeral account {} could not be recreated: {}", account.name(), why);
        return Renewal.failed("ephemeral account could not be recreated: " + why);
    }
}
