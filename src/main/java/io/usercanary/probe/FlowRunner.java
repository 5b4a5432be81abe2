package io.usercanary.probe;

import io.usercanary.auth.FirebaseAdmin;
import io.usercanary.auth.FirebaseAuthClient;
import io.usercanary.auth.FirebaseEndpoints;
import io.usercanary.auth.SignIn;
import io.usercanary.auth.SignIns;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.http.BoundedHttp;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one account's flow: its {@link Preparation}, then the steps login, lookup, exchange and every check
 * ({@link Flow}). The daemon, {@code check} and the demo all call this. Never throws: whatever happens becomes
 * the run's outcome, a bug in the canary {@code internal_error}. Thread-safe.
 */
public final class FlowRunner {
    private static final AtomicLong RUN_IDS = new AtomicLong();

    private final CanaryConfig config;
    private final BoundedHttp http;
    private final FirebaseAuthClient firebase;
    private final SignIn signIn;
    private final Clock clock;
    private final Map<String, String> knownCohorts;
    private final Preparation preparation;

    public FlowRunner(CanaryConfig config, BoundedHttp http, FirebaseAuthClient firebase, SignIn signIn, Clock clock,
                      Map<String, String> knownCohorts) {
        this(config, http, firebase, signIn, clock, knownCohorts, Preparation.NONE);
    }

    public FlowRunner(CanaryConfig config, BoundedHttp http, FirebaseAuthClient firebase, SignIn signIn, Clock clock,
                      Map<String, String> knownCohorts, Preparation preparation) {
        this.config = config;
        this.http = http;
        this.firebase = firebase;
        this.signIn = signIn;
        this.clock = clock;
        this.knownCohorts = knownCohorts;
        this.preparation = preparation;
    }

    /** A runner with the config's sign-in ({@link SignIns#forConfig}) and nothing to prepare before a run. */
    public static FlowRunner create(CanaryConfig config, BoundedHttp http, Clock clock) {
        return create(config, http, clock, Preparation.NONE);
    }

    /**
     * A runner with the config's sign-in: password or custom token per account, token reuse when
     * {@code firebase.reuseTokens}, backoff while Firebase throttles; {@code preparation} runs before each run.
     */
    public static FlowRunner create(CanaryConfig config, BoundedHttp http, Clock clock, Preparation preparation) {
        return create(config, http, clock, preparation, new ConcurrentHashMap<>());
    }

    /** The same, remembering derived cohorts in {@code knownCohorts}: the daemon passes one map to every reloaded runner. */
    public static FlowRunner create(CanaryConfig config, BoundedHttp http, Clock clock, Preparation preparation,
                                    Map<String, String> knownCohorts) {
        FirebaseAuthClient firebase = firebaseClient(config, http);
        SignIn signIn = SignIns.forConfig(config.firebase(), firebase, clock, FirebaseAdmin.Source.sharedFor(config.firebase()));
        return new FlowRunner(config, http, firebase, signIn, clock, knownCohorts, preparation);
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
        Flow flow = new Flow(new FlowContext(this, account));
        try {
            Preparation.Prepared prepared = preparation.beforeRun(account, this::provision);
            if (prepared.recreated() || prepared.failed()) {
                signIn.forget(account);
            }
            if (prepared.failed()) {
                flow.notPrepared(prepared.failure());
            } else {
                flow.run(Flow.forRun(config));
            }
        } catch (RuntimeException e) {
            flow.internalError(e);
        }
        return flow.result(id);
    }

    /**
     * Sends the account's {@code provision} requests after a fresh sign-in and the exchange, each with the
     * backend's headers; stops at the first one answered with an unexpected status. Never throws.
     */
    public RunResult provision(AccountConfig account) {
        long id = RUN_IDS.incrementAndGet();
        signIn.forget(account);
        Flow flow = new Flow(new FlowContext(this, account));
        flow.run(Flow.forProvisioning(config, account));
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
