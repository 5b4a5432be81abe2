package io.usercanary.probe;

import io.usercanary.auth.FirebaseAdmin;
import io.usercanary.auth.FirebaseAuthClient;
import io.usercanary.auth.SignIn;
import io.usercanary.auth.SignIns;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.http.BoundedHttp;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one account's flow: the steps login, lookup, exchange and every check ({@link Flow}). The daemon,
 * {@code check} and the demo all call this. What is kept between runs (cohort, tokens, backoff) lives in the
 * {@link AccountStates} it is given. Never throws: whatever happens becomes the run's outcome, a bug in the
 * canary {@code internal_error}. Thread-safe.
 */
public final class FlowRunner implements Probe {
    private static final AtomicLong RUN_IDS = new AtomicLong();

    private final CanaryConfig config;
    private final BoundedHttp http;
    private final FirebaseAuthClient firebase;
    private final SignIn signIn;
    private final Clock clock;
    private final AccountStates states;
    /** The backend's base URL as requests are built on it: parsed once, not on every request. */
    private final String backendBase;

    /** {@code signIn} should keep its tokens and backoffs in {@code states} ({@link SignIns#forConfig} with it). */
    public FlowRunner(CanaryConfig config, BoundedHttp http, FirebaseAuthClient firebase, SignIn signIn, Clock clock,
                      AccountStates states) {
        this.config = config;
        this.http = http;
        this.firebase = firebase;
        this.signIn = signIn;
        this.clock = clock;
        this.states = states;
        this.backendBase = BackendRequest.base(config.backend().url());
    }

    /** A runner with the config's sign-in ({@link SignIns#forConfig}) and account states of its own. */
    public static FlowRunner create(CanaryConfig config, BoundedHttp http, Clock clock) {
        return create(config, http, clock, new AccountStates(config));
    }

    /**
     * A runner with the config's sign-in: password or custom token per account, token reuse when
     * {@code firebase.reuseTokens}, backoff while Firebase throttles, all kept in {@code states}: the daemon
     * passes its one {@link AccountStates} to the runner of every reloaded config.
     */
    public static FlowRunner create(CanaryConfig config, BoundedHttp http, Clock clock, AccountStates states) {
        FirebaseAuthClient firebase = firebaseClient(config, http);
        SignIn signIn = SignIns.forConfig(config.firebase(), firebase, clock, FirebaseAdmin.Source.sharedFor(config.firebase()),
                states);
        return new FlowRunner(config, http, firebase, signIn, clock, states);
    }

    /** A fresh run id, for a result made outside a runner (the scheduler's own internal-error outcome). */
    public static long nextRunId() {
        return RUN_IDS.incrementAndGet();
    }

    public static FirebaseAuthClient firebaseClient(CanaryConfig config, BoundedHttp http) {
        return FirebaseAuthClient.of(http, config.firebase());
    }

    public CanaryConfig config() {
        return config;
    }

    @Override
    public RunResult run(AccountConfig account) {
        long id = nextRunId();
        Flow flow = new Flow(new FlowContext(this, account));
        try {
            flow.run(Flow.forRun(config));
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

    /**
     * A run that fails at login without calling Firebase, because the account could not be made ready
     * (an ephemeral account that could not be created again); {@code why} is the detail.
     */
    public RunResult notReady(AccountConfig account, String why) {
        long id = nextRunId();
        Flow flow = new Flow(new FlowContext(this, account));
        flow.notPrepared(why);
        return flow.result(id);
    }

    /** Drops the tokens kept for the account: its Firebase user was deleted and created again. */
    public void forget(AccountConfig account) {
        signIn.forget(account);
    }

    /** The cohort an account had on its last lookup, so a failed login still carries its cohort label. */
    String cohortOf(AccountConfig account) {
        return states.of(account).cohort(account);
    }

    void rememberCohort(AccountConfig account, String cohort) {
        states.of(account).deriveCohort(cohort);
    }

    /** Where this runner keeps what outlives a run; shared with the runner of a reloaded config. */
    public AccountStates states() {
        return states;
    }

    String backendBase() {
        return backendBase;
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
