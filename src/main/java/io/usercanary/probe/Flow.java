package io.usercanary.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usercanary.auth.FirebaseError;
import io.usercanary.auth.SignIn;
import io.usercanary.check.AssertionResult;
import io.usercanary.check.PayloadCheck;
import io.usercanary.check.PayloadMeasurement;
import io.usercanary.check.Verdict;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.CheckConfig;
import io.usercanary.config.ExchangeConfig;
import io.usercanary.config.Expectation;
import io.usercanary.config.RequestSpec;
import io.usercanary.config.Secret;
import io.usercanary.config.Template;
import io.usercanary.http.Deadline;
import io.usercanary.http.HttpFailure;
import io.usercanary.http.HttpResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/** The state of one run of one account: not shared, not reused. */
final class Flow {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int EXCERPT_BYTES = 2048;

    private final FlowRunner runner;
    private final CanaryConfig config;
    private final AccountConfig account;
    private final Deadline deadline;
    private final Redactor redactor = new Redactor();
    private final FlowCookieJar cookies = new FlowCookieJar();
    private final OkHttpClient client;
    private final Instant startedAt;
    private final long startNanos = System.nanoTime();
    private final List<StepResult> steps = new ArrayList<>();
    private final List<PayloadMeasurement> payload = new ArrayList<>();
    private String cohort;
    private Long ageSeconds;
    private String firebaseError;
    private String loginPath = "";
    private Secret idToken;
    private Secret jwt;

    /** Stops the flow after a failed step has been recorded. */
    private static final class Stop extends Exception {
        Stop() {
            super(null, null, false, false);
        }
    }

    Flow(FlowRunner runner, AccountConfig account) {
        this.runner = runner;
        this.config = runner.config();
        this.account = account;
        this.deadline = Deadline.in(config.schedule().timeout());
        this.client = runner.http().client().newBuilder().cookieJar(cookies).build();
        this.startedAt = runner.clock().instant();
        this.cohort = runner.cohortOf(account);
        redactor.add(account.password()).add(config.firebase().apiKey());
    }

    Redactor redactor() {
        return redactor;
    }

    void run() {
        try {
            login();
            lookup();
            exchange();
        } catch (Stop stop) {
            return;
        }
        for (CheckConfig check : config.checks()) {
            check(check);
        }
    }

    /** Login, exchange, then the account's provision requests in order, as steps named {@code provision[i]}. */
    void provision() {
        try {
            login();
            exchange();
            List<RequestSpec> specs = account.provision();
            for (int i = 0; i < specs.size(); i++) {
                provision("provision[" + i + "]", specs.get(i));
            }
        } catch (Stop stop) {
            // recorded
        }
    }

    /** The account's preparation failed: the run fails at login without calling Firebase. */
    void notPrepared(String detail) {
        steps.add(new StepResult(Step.LOGIN, "", Outcome.LOGIN_FAILED, redactor.redact(detail), since(startNanos), 0,
                List.of(), List.of()));
    }

    private void exchange() throws Stop {
        if (config.backend().exchange() != null) {
            exchange(config.backend().exchange());
        } else {
            jwt = idToken;
        }
    }

    private void login() throws Stop {
        long start = System.nanoTime();
        List<HttpTrace> calls = new ArrayList<>();
        try {
            SignIn.SignedIn signedIn = runner.signIn().signIn(account, deadline, (path, result) -> calls.add(trace("POST", path, result)));
            idToken = signedIn.tokens().idToken();
            redactor.add(idToken).add(signedIn.tokens().refreshToken());
            loginPath = signedIn.path();
            steps.add(new StepResult(Step.LOGIN, "", Outcome.OK, signedIn.path(), since(start), 200, calls, List.of()));
        } catch (FirebaseError e) {
            firebaseError = e.code();
            fail(Step.LOGIN, "", Outcome.LOGIN_FAILED, e.getMessage(), start, e.httpStatus(), calls);
        } catch (HttpFailure e) {
            fail(Step.LOGIN, "", outcomeOf(e, Outcome.LOGIN_FAILED), "Firebase: " + e.getMessage(), start, 0, calls);
        }
    }

    private void lookup() throws Stop {
        long start = System.nanoTime();
        List<HttpTrace> calls = new ArrayList<>();
        try {
            Instant createdAt = runner.firebase().createdAt(idToken, deadline, (path, result) -> calls.add(trace("POST", path, result)));
            Duration age = Duration.between(createdAt, runner.clock().instant());
            ageSeconds = Math.max(0, age.getSeconds());
            if (account.cohort() == null) {
                cohort = config.cohortForAge(age.isNegative() ? Duration.ZERO : age);
                runner.rememberCohort(account, cohort);
            }
            steps.add(new StepResult(Step.LOOKUP, "", Outcome.OK, "created " + createdAt, since(start), 200, calls, List.of()));
        } catch (FirebaseError e) {
            firebaseError = e.code();
            fail(Step.LOOKUP, "", Outcome.LOGIN_FAILED, "lookup: " + e.getMessage(), start, e.httpStatus(), calls);
        } catch (HttpFailure e) {
            fail(Step.LOOKUP, "", outcomeOf(e, Outcome.LOGIN_FAILED), "lookup: " + e.getMessage(), start, 0, calls);
        }
    }

    private void exchange(ExchangeConfig exchange) throws Stop {
        long start = System.nanoTime();
        List<HttpTrace> calls = new ArrayList<>();
        HttpResult result;
        try {
            Request request = request(exchange.method(), exchange.path(), exchange.headers(), exchange.body());
            result = execute(request, calls);
        } catch (HttpFailure e) {
            fail(Step.EXCHANGE, "", outcomeOf(e, Outcome.EXCHANGE_FAILED), e.getMessage(), start, 0, calls);
            return;
        } catch (IllegalArgumentException e) {
            fail(Step.EXCHANGE, "", Outcome.EXCHANGE_FAILED, e.getMessage(), start, 0, calls);
            return;
        }
        if (!exchange.acceptsStatus(result.status())) {
            fail(Step.EXCHANGE, "", Outcome.EXCHANGE_FAILED, "expected status " + exchange.expectedStatus() + ", got " + result.status(),
                    start, result.status(), calls);
        }
        Optional<String> token = switch (exchange.token().kind()) {
            case JSON -> jsonToken(result, exchange.token().name());
            case HEADER -> Optional.ofNullable(result.header(exchange.token().name())).filter(v -> !v.isBlank());
            case COOKIE -> cookies.value(exchange.token().name()).filter(v -> !v.isBlank());
        };
        if (token.isEmpty()) {
            fail(Step.EXCHANGE, "", Outcome.EXCHANGE_FAILED, "no token at " + exchange.token(), start, result.status(), calls);
        }
        jwt = Secret.of(token.get());
        redactor.add(jwt);
        steps.add(new StepResult(Step.EXCHANGE, "", Outcome.OK, "", since(start), result.status(), calls, List.of()));
    }

    private void check(CheckConfig check) {
        long start = System.nanoTime();
        List<HttpTrace> calls = new ArrayList<>();
        HttpResult result;
        try {
            result = execute(request(check.method(), check.path(), withBackendHeaders(check.headers()), check.body()), calls);
        } catch (HttpFailure e) {
            Outcome outcome = outcomeOf(e, Outcome.INVALID_PAYLOAD);
            steps.add(new StepResult(Step.CHECK, check.name(), outcome, e.getMessage(), since(start), 0, calls, List.of()));
            return;
        } catch (IllegalArgumentException e) {
            steps.add(new StepResult(Step.CHECK, check.name(), Outcome.HTTP_ERROR, e.getMessage(), since(start), 0, calls, List.of()));
            return;
        }
        Expectation expect = check.expect();
        Expectation extra = account.expect().get(check.name());
        if (extra != null) {
            expect = expect.plus(extra);
        }
        Verdict verdict = PayloadCheck.evaluate(check.name(), expect, this::value, result.status(), result.headers(), result.body());
        payload.addAll(verdict.measurements());
        Duration took = since(start);
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
        List<AssertionResult> assertions = verdict.assertions().stream()
                .map(a -> new AssertionResult(a.assertion(), a.passed(), redactor.redact(a.detail()))).toList();
        steps.add(new StepResult(Step.CHECK, check.name(), outcome, redactor.redact(detail), took, result.status(), calls, assertions));
    }

    private void provision(String name, RequestSpec spec) throws Stop {
        long start = System.nanoTime();
        List<HttpTrace> calls = new ArrayList<>();
        HttpResult result;
        try {
            result = execute(request(spec.method(), spec.path(), withBackendHeaders(spec.headers()), spec.body()), calls);
        } catch (HttpFailure e) {
            fail(Step.CHECK, name, outcomeOf(e, Outcome.HTTP_ERROR), e.getMessage(), start, 0, calls);
            return;
        } catch (IllegalArgumentException e) {
            fail(Step.CHECK, name, Outcome.HTTP_ERROR, e.getMessage(), start, 0, calls);
            return;
        }
        if (!spec.acceptsStatus(result.status())) {
            fail(Step.CHECK, name, Outcome.HTTP_ERROR, "expected status " + spec.expectedStatus() + ", got " + result.status(),
                    start, result.status(), calls);
        }
        steps.add(new StepResult(Step.CHECK, name, Outcome.OK, "", since(start), result.status(), calls, List.of()));
    }

    /** {@code backend.headers}, with the request's own headers added or replacing them. */
    private Map<String, Template> withBackendHeaders(Map<String, Template> own) {
        Map<String, Template> headers = new LinkedHashMap<>(config.backend().headers());
        headers.putAll(own);
        return headers;
    }

    private Request request(String method, Template path, Map<String, Template> headers, Template body) {
        return BackendRequest.build(config.backend().url(), method, path, headers, body, this::value);
    }

    private HttpResult execute(Request request, List<HttpTrace> calls) throws HttpFailure {
        long start = System.nanoTime();
        try {
            HttpResult result = runner.http().execute(client, request, deadline);
            result.setCookies().forEach(header -> {
                int eq = header.indexOf('=');
                int end = header.indexOf(';');
                if (eq > 0) {
                    redactor.add(header.substring(eq + 1, end > eq ? end : header.length()));
                }
            });
            calls.add(trace(request.method(), request.url().encodedPath(), result));
            return result;
        } catch (HttpFailure e) {
            calls.add(new HttpTrace(request.method(), request.url().encodedPath(), 0, since(start), ""));
            throw e;
        }
    }

    /** Values for {@code {{...}}}: the validated config guarantees each placeholder has one. */
    private String value(String name) {
        return switch (name) {
            case "idToken" -> idToken == null ? null : idToken.reveal();
            case "jwt" -> jwt == null ? null : jwt.reveal();
            default -> name.startsWith("account.") ? account.var(name.substring("account.".length())) : null;
        };
    }

    private Optional<String> jsonToken(HttpResult result, String pointer) {
        try {
            JsonNode node = MAPPER.readTree(result.body()).at(pointer);
            return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private HttpTrace trace(String method, String path, HttpResult result) {
        int cut = Math.min(result.body().length, 16 * 1024);
        String text = redactor.redact(new String(result.body(), 0, cut, StandardCharsets.UTF_8));
        String excerpt = text.length() > EXCERPT_BYTES ? text.substring(0, EXCERPT_BYTES) + "…" : text;
        return new HttpTrace(method, path, result.status(), result.duration(), excerpt);
    }

    private void fail(Step step, String check, Outcome outcome, String detail, long start, int status, List<HttpTrace> calls)
            throws Stop {
        steps.add(new StepResult(step, check, outcome, redactor.redact(detail), since(start), status, calls, List.of()));
        throw new Stop();
    }

    void internalError(RuntimeException e) {
        steps.add(new StepResult(Step.CHECK, "", Outcome.NETWORK_ERROR,
                "internal error (see the log): " + e.getClass().getSimpleName(), Duration.ZERO, 0, List.of(), List.of()));
    }

    RunResult result(long id) {
        Outcome outcome = Outcome.OK;
        String detail = "";
        for (StepResult step : steps) {
            if (!step.outcome().passed()) {
                outcome = step.outcome();
                detail = (step.step() == Step.CHECK && !step.check().isEmpty() ? step.check() + ": " : "") + step.detail();
                break;
            }
            if (step.outcome() == Outcome.SLOW && outcome == Outcome.OK) {
                outcome = Outcome.SLOW;
                detail = step.check() + ": " + step.detail();
            }
        }
        return new RunResult(id, account.name(), cohort, Optional.ofNullable(ageSeconds), startedAt, since(startNanos),
                outcome, redactor.redact(detail), steps, payload, Optional.ofNullable(firebaseError), loginPath);
    }

    private static Outcome outcomeOf(HttpFailure failure, Outcome otherwise) {
        return switch (failure.kind()) {
            case TIMEOUT -> Outcome.TIMEOUT;
            case NETWORK -> Outcome.NETWORK_ERROR;
            case TRUNCATED, TOO_LARGE -> otherwise;
        };
    }


    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
