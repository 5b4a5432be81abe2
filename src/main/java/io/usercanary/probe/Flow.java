package io.usercanary.probe;

import io.usercanary.check.AssertionResult;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.Durations;
import io.usercanary.config.RequestSpec;
import io.usercanary.http.HttpFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a list of steps for one run of one account: times every step, gives none of them more than the
 * deadline, stops after a failing sign-in stage or provision request, redacts and bounds what each step
 * reports, and turns anything a step throws into {@code internal_error}. A check needing a capture that an
 * earlier check did not get is recorded as skipped, not run. Never throws.
 */
final class Flow {
    private static final Logger LOG = LoggerFactory.getLogger(Flow.class);

    private final FlowContext context;
    private final Instant startedAt;
    private final long startNanos = System.nanoTime();
    private final List<StepResult> steps = new ArrayList<>();

    Flow(FlowContext context) {
        this.context = context;
        this.startedAt = context.runner.clock().instant();
    }

    /** Login, lookup, the exchange when configured, then every check. */
    static List<FlowStep> forRun(CanaryConfig config) {
        List<FlowStep> steps = new ArrayList<>(List.of(new LoginStep(), new LookupStep()));
        if (config.backend().exchange() != null) {
            steps.add(new ExchangeStep(config.backend().exchange()));
        }
        config.checks().stream().map(CheckStep::new).forEach(steps::add);
        return steps;
    }

    /** Login, the exchange when configured, then the account's provision requests in order. */
    static List<FlowStep> forProvisioning(CanaryConfig config, AccountConfig account) {
        List<FlowStep> steps = new ArrayList<>(List.of(new LoginStep()));
        if (config.backend().exchange() != null) {
            steps.add(new ExchangeStep(config.backend().exchange()));
        }
        List<RequestSpec> specs = account.provision();
        for (int i = 0; i < specs.size(); i++) {
            steps.add(new ProvisionStep(i, specs.get(i)));
        }
        return steps;
    }

    void run(List<FlowStep> plan) {
        for (FlowStep step : plan) {
            String missing = step.missingCapture(context);
            if (missing != null) {
                steps.add(StepResult.skipped(step.name(), missing));
                continue;
            }
            long start = System.nanoTime();
            StepReport report;
            boolean bug = false;
            if (context.deadline.expired()) {
                report = StepReport.failed(step.noResponse(HttpFailure.Kind.TIMEOUT),
                        "no time left of the " + Durations.format(context.deadline.budget()) + " flow timeout", 0);
            } else {
                try {
                    report = step.run(context);
                } catch (RuntimeException | StackOverflowError e) {
                    bug = true;
                    report = internalError(step.kind().label() + (step.name().isEmpty() ? "" : " " + step.name()), e);
                }
            }
            record(step.kind(), step.name(), report, Duration.ofNanos(System.nanoTime() - start));
            if (bug || !report.outcome().passed() && step.stopsOnFailure()) {
                return;
            }
        }
    }

    /** The account's preparation failed: the run fails at login without calling Firebase. */
    void notPrepared(String detail) {
        record(Step.LOGIN, "", StepReport.failed(Outcome.LOGIN_FAILED, detail, 0), Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Something outside the steps threw (the preparation): a bug in the canary. */
    void internalError(RuntimeException e) {
        record(Step.LOGIN, "", internalError("preparation", e), Duration.ZERO);
    }

    private StepReport internalError(String where, Throwable e) {
        String message = context.redactor.detail(String.valueOf(e));
        LOG.error("internal error in the {} of account {}: {}", where, context.account.name(), message, RedactedThrowable.of(e, message));
        return StepReport.failed(Outcome.INTERNAL_ERROR, "internal error (see the log): " + e.getClass().getSimpleName(), 0);
    }

    private void record(Step kind, String name, StepReport report, Duration took) {
        Redactor redactor = context.redactor;
        List<AssertionResult> assertions = report.assertions().stream()
                .map(a -> new AssertionResult(redactor.detail(a.assertion()), a.passed(), redactor.detail(a.detail()))).toList();
        steps.add(new StepResult(kind, name, report.outcome(), redactor.detail(report.detail()), took, report.status(),
                context.takeCalls(), assertions));
    }

    /** The outcome is the first failure in flow order, else slow or ok; its detail names the step. */
    RunResult result(long id) {
        Outcome outcome = Outcome.OK;
        String detail = "";
        for (StepResult step : steps) {
            if (!step.outcome().passed()) {
                outcome = step.outcome();
                detail = prefix(step) + step.detail();
                break;
            }
            if (step.outcome() == Outcome.SLOW && outcome == Outcome.OK) {
                outcome = Outcome.SLOW;
                detail = prefix(step) + step.detail();
            }
        }
        return new RunResult(id, context.account.name(), context.cohort, Optional.ofNullable(context.ageSeconds), startedAt,
                Duration.ofNanos(System.nanoTime() - startNanos), outcome, context.redactor.detail(detail), steps, context.payload,
                Optional.ofNullable(context.firebaseError), context.loginPath);
    }

    /** {@code overview: }, {@code exchange: }, {@code lookup: }; nothing for login, whose details start with {@code Firebase:}. */
    private static String prefix(StepResult step) {
        if (!step.check().isEmpty()) {
            return step.check() + ": ";
        }
        return step.step() == Step.LOOKUP || step.step() == Step.EXCHANGE ? step.step().label() + ": " : "";
    }
}
