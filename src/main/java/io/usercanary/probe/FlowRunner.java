package io.usercanary.probe;

import io.usercanary.auth.FirebaseAuthClient;
import io.usercanary.auth.FirebaseEndpoints;
import io.usercanary.auth.PasswordSignIn;
import io.usercanary.auth.SignIn;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.http.BoundedHttp;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one account's flow: login, lookup, exchange, every check. The daemon, {@code check} and the demo
 * all call this. Never throws: whatever happens becomes the run's outcome. Thread-safe.
 */
public final class FlowRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FlowRunner.class);
    private static final AtomicLong RUN_IDS = new AtomicLong();

    private final CanaryConfig config;
    private final BoundedHttp http;
    private final FirebaseAuthClient firebase;
    private final SignIn signIn;
    private final Clock clock;
    private final Map<String, String> knownCohorts;

    public FlowRunner(CanaryConfig config, BoundedHttp http, FirebaseAuthClient firebase, SignIn signIn, Clock clock,
                      Map<String, String> knownCohorts) {
        this.config = config;
        this.http = http;
        this.firebase = firebase;
        this.signIn = signIn;
        this.clock = clock;
        this.knownCohorts = knownCohorts;
    }

    /** A runner with password sign-in against the config's Firebase endpoints. */
    public static FlowRunner create(CanaryConfig config, BoundedHttp http, Clock clock) {
        return create(config, http, clock, new ConcurrentHashMap<>());
    }

    /** The same, remembering derived cohorts in {@code knownCohorts}: the daemon passes one map to every reloaded runner. */
    public static FlowRunner create(CanaryConfig config, BoundedHttp http, Clock clock, Map<String, String> knownCohorts) {
        FirebaseAuthClient firebase = firebaseClient(config, http);
        return new FlowRunner(config, http, firebase, new PasswordSignIn(firebase), clock, knownCohorts);
    }

    /** A fresh run id, for a result made outside a runner (the scheduler's own internal-error outcome). */
    public static long nextRunId() {
        return RUN_IDS.incrementAndGet();
    }

    public static FirebaseAuthClient firebaseClient(CanaryConfig config, BoundedHttp http) {
        return new FirebaseAuthClient(http, FirebaseEndpoints.of(config.firebase()), config.firebase().apiKey());
    }

    public CanaryConfig config() {
        return config;
    }

    public RunResult run(AccountConfig account) {
        long id = nextRunId();
        Flow flow = new Flow(this, account);
        try {
            flow.run();
        } catch (RuntimeException e) {
            LOG.error("internal error in the flow of account {}: {}", account.name(), flow.redactor().redact(String.valueOf(e)), e);
            flow.internalError(e);
        }
        return flow.result(id);
    }

    /** The cohort an account had on its last lookup, so a failed login still carries its cohort label. */
    String cohortOf(AccountConfig account) {
        if (account.cohort() != null) {
            return account.cohort();
        }
        return knownCohorts.getOrDefault(account.name(), "unknown");
    }

    void rememberCohort(AccountConfig account, String cohort) {
        knownCohorts.put(account.name(), cohort);
    }

    /** Shared with a runner built from a reloaded config, so labels stay stable across reloads. */
    public Map<String, String> knownCohorts() {
        return knownCohorts;
    }

    BoundedHttp http() {
        return http;
    }

    FirebaseAuthClient firebase() {
        return firebase;
    }

    SignIn signIn() {
        return signIn;
    }

    Clock clock() {
        return clock;
    }
}
