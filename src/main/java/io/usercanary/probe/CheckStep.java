package io.usercanary.probe;

import io.usercanary.check.PayloadCheck;
import io.usercanary.check.Verdict;
import io.usercanary.config.CheckConfig;
import io.usercanary.config.Expectation;
import io.usercanary.http.HttpFailure;
import java.time.Duration;
import okhttp3.Request;

/**
 * One dashboard request and its assertions. Its outcomes are the backend's: {@code http_error},
 * {@code timeout}, {@code network_error}, {@code invalid_payload}, {@code empty}, {@code mismatch}, {@code slow}.
 */
final class CheckStep implements FlowStep {
    private final CheckConfig check;

    CheckStep(CheckConfig check) {
        this.check = check;
    }

    @Override
    public Step kind() {
        return Step.CHECK;
    }

    @Override
    public String name() {
        return check.name();
    }

    @Override
    public Outcome noResponse(HttpFailure.Kind kind) {
        return switch (kind) {
            case TIMEOUT -> Outcome.TIMEOUT;
            case NETWORK -> Outcome.NETWORK_ERROR;
            case TRUNCATED, TOO_LARGE -> Outcome.INVALID_PAYLOAD;
        };
    }

    @Override
    public StepReport run(FlowContext context) {
        long start = System.nanoTime();
        Request request;
        try {
            request = context.request(check.method(), check.path(), context.withBackendHeaders(check.headers()), check.body());
        } catch (IllegalArgumentException e) {
            return StepReport.failed(Outcome.HTTP_ERROR, e.getMessage(), 0);
        }
        Expectation expect = check.expect();
        Expectation extra = context.account.expect().get(check.name());
        if (extra != null) {
            expect = expect.plus(extra);
        }
        Expectation expectation = expect;
        Answered answered;
        try {
            answered = context.execute(request, result -> {
                context.trace(request.method(), request.url().encodedPath(), result);
                return new Answered(result.status(), PayloadCheck.evaluate(check.name(), expectation, context::value,
                        result.status(), result.headers(), result.body()));
            });
        } catch (HttpFailure e) {
            return StepReport.failed(noResponse(e.kind()), e.getMessage(), 0);
        }
        Verdict verdict = answered.verdict();
        context.payload.addAll(verdict.measurements());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Outcome outcome = switch (verdict.kind()) {
            case UNEXPECTED_STATUS -> Outcome.HTTP_ERROR;
            case NOT_JSON -> Outcome.INVALID_PAYLOAD;
            case EMPTY -> Outcome.EMPTY;
            case MISMATCH -> Outcome.MISMATCH;
            case PASSED -> check.slowAfter() != null && took.compareTo(check.slowAfter()) > 0 ? Outcome.SLOW : Outcome.OK;
        };
        String detail = outcome == Outcome.SLOW
                ? "took " + took.toMillis() + " ms, slowAfter " + check.slowAfter().toMillis() + " ms"
                : verdict.detail();
        return new StepReport(outcome, detail, answered.status(), verdict.assertions());
    }

    private record Answered(int status, Verdict verdict) {}
}
