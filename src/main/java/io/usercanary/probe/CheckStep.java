package io.usercanary.probe;

import io.usercanary.check.AssertionResult;
import io.usercanary.check.PayloadCheck;
import io.usercanary.check.Verdict;
import io.usercanary.config.CheckConfig;
import io.usercanary.config.Durations;
import io.usercanary.config.Expectation;
import io.usercanary.config.Template;
import io.usercanary.config.TokenLocation;
import io.usercanary.http.HttpFailure;
import io.usercanary.http.JsonScan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.Request;

/**
 * One dashboard request, its assertions and its captures. Its outcomes are the backend's: {@code http_error},
 * {@code timeout}, {@code network_error}, {@code invalid_payload}, {@code empty}, {@code mismatch}, {@code slow};
 * a capture that finds nothing is {@code empty}.
 */
final class CheckStep implements FlowStep {
    private final CheckConfig check;
    private final Set<String> jsonCaptures;

    CheckStep(CheckConfig check) {
        this.check = check;
        this.jsonCaptures = check.capture().values().stream().filter(l -> l.kind() == TokenLocation.Kind.JSON)
                .map(TokenLocation::name).collect(Collectors.toUnmodifiableSet());
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
    public String missingCapture(FlowContext context) {
        return capturesUsed(true).filter(name -> !context.captures.containsKey(name)).findFirst().orElse(null);
    }

    /** The capture names this check's path and headers use, then (with {@code body}) its body's. */
    private Stream<String> capturesUsed(boolean body) {
        Stream<Template> templates = Stream.concat(Stream.of(check.path()), check.headers().values().stream());
        if (body && check.body() != null) {
            templates = Stream.concat(templates, Stream.of(check.body()));
        }
        return templates.flatMap(t -> t.placeholders().stream()).filter(p -> p.startsWith(FlowContext.CAPTURE))
                .map(p -> p.substring(FlowContext.CAPTURE.length())).distinct();
    }

    @Override
    public StepReport run(FlowContext context) {
        long start = System.nanoTime();
        String unsafe = capturesUsed(false).filter(name -> hasControlCharacter(context.captures.get(name))).findFirst().orElse(null);
        if (unsafe != null) {
            return StepReport.failed(Outcome.INVALID_PAYLOAD, "capture " + unsafe + " holds a control character,"
                    + " so it is not put into this check's path or headers", 0);
        }
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
                Map<String, JsonScan.Value> json = new HashMap<>();
                Verdict verdict = PayloadCheck.evaluate(check.name(), expectation, context::value,
                        result.status(), result.headers(), result.body(), jsonCaptures, json);
                CaptureReader.Read read = verdict.kind() == Verdict.Kind.UNEXPECTED_STATUS ? CaptureReader.Read.NONE
                        : CaptureReader.read(check.capture(), result, json, verdict.kind() != Verdict.Kind.NOT_JSON, context);
                context.trace(request.method(), request.url().encodedPath(), result);
                return new Answered(result.status(), verdict, read);
            });
        } catch (HttpFailure e) {
            return StepReport.failed(noResponse(e.kind()), e.getMessage(), 0);
        }
        Verdict verdict = answered.verdict();
        CaptureReader.Read read = answered.read();
        context.payload.addAll(verdict.measurements());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Outcome outcome = switch (verdict.kind()) {
            case UNEXPECTED_STATUS -> Outcome.HTTP_ERROR;
            case NOT_JSON, NOT_A_NUMBER -> Outcome.INVALID_PAYLOAD;
            case EMPTY -> Outcome.EMPTY;
            case MISMATCH -> Outcome.MISMATCH;
            case PASSED -> check.slowAfter() != null && took.compareTo(check.slowAfter()) > 0 ? Outcome.SLOW : Outcome.OK;
        };
        String detail = outcome == Outcome.SLOW
                ? "took " + Durations.millis(took) + " ms, slowAfter " + Durations.millis(check.slowAfter()) + " ms"
                : verdict.detail();
        // Empty outranks wrong data, as in the assertions: a capture that found nothing is the empty dashboard.
        if (!read.empty().isEmpty() && (outcome.passed() || outcome == Outcome.MISMATCH)) {
            outcome = Outcome.EMPTY;
            detail = summary(read.empty());
        } else if (!read.wrong().isEmpty() && outcome.passed()) {
            outcome = Outcome.MISMATCH;
            detail = summary(read.wrong());
        }
        List<AssertionResult> assertions = new ArrayList<>(verdict.assertions());
        assertions.addAll(read.assertions());
        return new StepReport(outcome, detail, answered.status(), assertions);
    }

    private static boolean hasControlCharacter(String value) {
        return value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String summary(List<String> problems) {
        return problems.get(0) + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : "");
    }

    private record Answered(int status, Verdict verdict, CaptureReader.Read read) {}
}
