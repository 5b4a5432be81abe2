package io.usercanary.probe;

import static io.usercanary.testing.FakeProduction.DASHBOARD;
import static io.usercanary.testing.FakeProduction.EXCHANGE;
import static io.usercanary.testing.FakeProduction.JWT;
import static io.usercanary.testing.FakeProduction.LOOKUP;
import static io.usercanary.testing.FakeProduction.SIGN_IN;
import static io.usercanary.testing.FakeProduction.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.auth.SignIn;
import io.usercanary.check.AssertionResult;
import io.usercanary.config.CanaryConfig;
import io.usercanary.http.BoundedHttp;
import io.usercanary.report.JsonReport;
import io.usercanary.report.JunitReport;
import io.usercanary.report.RoundReport;
import io.usercanary.testing.FakeProduction;
import io.usercanary.testing.HostileBodies;
import io.usercanary.testing.TestConfigs;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What production or Firebase may answer, one row per fault: the outcome that names whose fault it is, the
 * detail's shape, and no secret in anything the run leaves (details, steps, traces, assertions, JSON, JUnit).
 * Every secret of the fixtures contains {@code SECRET}, so that word must appear nowhere.
 */
class FaultCorpusTest {
    /** Marks every secret a fixture sends; also the start of a JWT's first segment (base64 of {"SECRET...). */
    static final String MARK = "SECRET";
    static final String OPAQUE_TOKEN = "SECRET-OPAQUE-SESSION-7f3e";
    static final String JWT_HEADER = "eyJTRUNSRVQiOiJoZWFkZXIifQ";

    final FakeProduction production = FakeProduction.start();

    @AfterEach
    void stop() {
        production.close();
    }

    /** One fault: how the config and the answers differ from healthy production, and what the run must say. */
    record Fault(UnaryOperator<String> yaml, Consumer<FakeProduction> answers, boolean brokenSignIn, Outcome outcome,
                 String detail) {
        static Fault of(Consumer<FakeProduction> answers, Outcome outcome, String detail) {
            return new Fault(UnaryOperator.identity(), answers, false, outcome, detail);
        }

        Fault yaml(UnaryOperator<String> change) {
            return new Fault(change, answers, brokenSignIn, outcome, detail);
        }
    }

    static Stream<Arguments> corpus() {
        String healthy = "{\"widgets\":[1,2,3],\"profile\":{\"marker\":\"m-legacy\"}";
        return Stream.of(
                row("5 MB of tiny objects", Fault.of(p -> p.on(DASHBOARD, json(200, HostileBodies.tinyObjects())),
                        Outcome.EMPTY, "overview: /widgets is missing \\(\\+2 more\\)")),
                row("a 4 MB string under equals", Fault.of(p -> p.on(DASHBOARD, json(200, HostileBodies.hugeMarker())),
                        Outcome.MISMATCH, "overview: /profile/marker is a string of 4194304 characters, expected m-legacy")),
                row("a 600-char token under a token key", Fault.of(p -> p.on(DASHBOARD, json(200, healthy
                        + ",\"refreshToken\":\"" + MARK + "x".repeat(600) + "\"}")), Outcome.OK, "")),
                row("a 3 MB string under a session key", Fault.of(p -> p.on(DASHBOARD, json(200, healthy
                        + ",\"session\":\"" + MARK + "x".repeat(3 * 1024 * 1024) + "\"}")), Outcome.OK, "")),
                row("an opaque exchanged token, not a JWT", Fault.of(p -> p
                                .on(EXCHANGE, json(200, "{\"data\":{\"session\":{\"value\":\"" + OPAQUE_TOKEN + "\"}}}"))
                                .on(DASHBOARD, json(200, healthy + ",\"echo\":\"" + OPAQUE_TOKEN + "\"}")), Outcome.OK, "")
                        .yaml(y -> y.replace("/data/session/accessToken", "/data/session/value"))),
                row("a malformed status line echoing the bearer token", Fault.of(p -> p.on(DASHBOARD,
                                new MockResponse.Builder().status("HTTP/1.1 2x0 Bearer " + JWT).build()),
                        Outcome.NETWORK_ERROR, "overview: ProtocolException from [\\w.]+:\\d+: Unexpected status line: .*")),
                row("a malformed chunk-size line echoing the bearer token", Fault.of(p -> p.on(DASHBOARD,
                                new MockResponse.Builder().body(JWT + "\r\n").removeHeader("Content-Length")
                                        .addHeader("Transfer-Encoding", "chunked").build()),
                        Outcome.INVALID_PAYLOAD, "overview: body truncated: ProtocolException from [\\w.]+:\\d+: .*")),
                row("a non-ASCII exchanged token", Fault.of(p -> p.on(EXCHANGE, json(200,
                                "{\"data\":{\"session\":{\"accessToken\":\"" + MARK + "-TÖKEN-ü\"}}}")),
                        Outcome.EXCHANGE_FAILED, "exchange: the token at json /data/session/accessToken holds a character "
                                + "that cannot be sent in a header")),
                row("a non-ASCII ID token sent in an exchange header", Fault.of(p -> p.on(SIGN_IN, json(200,
                                "{\"idToken\":\"" + MARK + "-ID-TÖKEN\",\"refreshToken\":\"" + MARK + "-R\",\"expiresIn\":\"3600\"}")),
                        Outcome.EXCHANGE_FAILED, "exchange: Unexpected char .* in X-Firebase-Token value.*")
                        .yaml(y -> y.replace("    path: /auth/firebase\n",
                                "    path: /auth/firebase\n    headers: { X-Firebase-Token: \"{{idToken}}\" }\n"))),
                row("a Set-Cookie without =", Fault.of(p -> p.on(DASHBOARD, new MockResponse.Builder().code(200)
                        .addHeader("Set-Cookie", MARK + "-BARE-COOKIE-5d1e")
                        .body(healthy + ",\"note\":\"" + MARK + "-BARE-COOKIE-5d1e\"}").build()), Outcome.OK, "")),
                row("a non-JSON body starting with a JWT's first segment", Fault.of(p -> p.on(DASHBOARD,
                                json(200, JWT_HEADER + " maintenance")),
                        Outcome.INVALID_PAYLOAD, "overview: body is not JSON: Unrecognized token at line 1, column \\d+")),
                row("Firebase refuses the sign-in connection", Fault.of(p -> { }, Outcome.LOGIN_FAILED,
                        "Firebase: connection refused by 127.0.0.1:\\d+").yaml(y -> y.replaceAll("emulatorHost: .*",
                        "emulatorHost: 127.0.0.1:" + closedPort()))),
                row("Firebase times out at sign-in", Fault.of(p -> p.on(SIGN_IN, stalled()), Outcome.LOGIN_FAILED,
                        "Firebase: timed out after 1s waiting for the response \\(flow timeout of 1s ran out\\)").yaml(FaultCorpusTest::oneSecond)),
                row("Firebase answers the sign-in without an idToken", Fault.of(p -> p.on(SIGN_IN, json(200, "{\"localId\":\"u\"}")),
                        Outcome.LOGIN_FAILED, "Firebase: RESPONSE_WITHOUT_ID_TOKEN \\(HTTP 200\\)")),
                row("Firebase drops the lookup connection", Fault.of(p -> p.on(LOOKUP, new MockResponse.Builder()
                                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build()),
                        Outcome.LOGIN_FAILED, "lookup: Firebase: .* [\\w.]+:\\d+.*")),
                row("Firebase times out at the lookup", Fault.of(p -> p.on(LOOKUP, stalled()), Outcome.LOGIN_FAILED,
                        "lookup: Firebase: timed out after 1s waiting for the response \\(flow timeout of 1s ran out\\)")
                        .yaml(FaultCorpusTest::oneSecond)),
                row("Firebase answers the lookup without users", Fault.of(p -> p.on(LOOKUP, json(200, "{\"kind\":\"x\"}")),
                        Outcome.LOGIN_FAILED, "lookup: Firebase: LOOKUP_WITHOUT_CREATED_AT \\(HTTP 200\\)")),
                row("the exchange is refused", Fault.of(p -> { }, Outcome.EXCHANGE_FAILED,
                        "exchange: connection refused by 127.0.0.1:\\d+").yaml(y -> y.replaceAll("baseUrl: .*",
                        "baseUrl: http://127.0.0.1:" + closedPort()))),
                row("the exchange times out", Fault.of(p -> p.on(EXCHANGE, stalled()), Outcome.EXCHANGE_FAILED,
                        "exchange: timed out after 1s waiting for the response \\(flow timeout of 1s ran out\\)")
                        .yaml(FaultCorpusTest::oneSecond)),
                row("a RuntimeException inside the flow", new Fault(UnaryOperator.identity(), p -> { }, true,
                        Outcome.INTERNAL_ERROR, "internal error \\(see the log\\): IllegalStateException")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachFaultNamesWhoseFaultItIsAndLeaksNoSecret(String name, Fault fault) throws Exception {
        fault.answers().accept(production);
        CanaryConfig config = TestConfigs.parse(fault.yaml().apply(production.basicConfig()));
        BoundedHttp http = new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP);
        FlowRunner runner = fault.brokenSignIn()
                ? new FlowRunner(config, http, FlowRunner.firebaseClient(config, http), brokenSignIn(), Clock.systemUTC(), new AccountStates(config))
                : FlowRunner.create(config, http, Clock.systemUTC());

        RunResult result = runner.run(config.accounts().get(0));

        assertEquals(fault.outcome(), result.outcome(), name + ": " + result.detail());
        assertTrue(result.detail().matches(fault.detail()), name + ": detail was <" + result.detail() + ">, expected /" + fault.detail() + "/");
        assertTrue(result.estimatedBytes() <= RunResult.MAX_BYTES, "run holds " + result.estimatedBytes() + " bytes");
        String everything = everythingWritten(result, config);
        int at = everything.indexOf(MARK);
        assertFalse(at >= 0, name + ": leaked a secret: …" + (at < 0 ? "" : everything.substring(Math.max(0, at - 80),
                Math.min(everything.length(), at + 80))) + "…");
        assertFalse(everything.contains(JWT_HEADER), name + ": leaked a JWT's first segment");
    }

    /** Every string the run carries and every rendering of it that leaves the process. */
    static String everythingWritten(RunResult result, CanaryConfig config) {
        StringBuilder all = new StringBuilder(result.detail()).append('\n');
        for (StepResult step : result.steps()) {
            assertTrue(step.detail().length() <= io.usercanary.check.Detail.MAX_CHARS, "step detail bounded: " + step.detail().length());
            all.append(step.detail()).append('\n');
            for (HttpTrace call : step.calls()) {
                assertTrue(call.bodyExcerpt().length() <= HttpTrace.EXCERPT_CHARS + 1, "excerpt bounded");
                all.append(call.path()).append(' ').append(call.bodyExcerpt()).append('\n');
            }
            for (AssertionResult a : step.assertions()) {
                assertTrue(a.detail().length() <= io.usercanary.check.Detail.MAX_CHARS, "assertion detail bounded");
                all.append(a.assertion()).append(' ').append(a.detail()).append('\n');
            }
        }
        RoundReport round = new RoundReport(config.environment(), config.location(), Instant.now(), List.of(result));
        all.append(JsonReport.render(round)).append(JunitReport.render(round, config.checks().stream().map(c -> c.name()).toList()));
        return all.toString();
    }

    private static SignIn brokenSignIn() {
        return (account, deadline, observer) -> {
            throw new IllegalStateException("a bug holding " + account.password().reveal());
        };
    }

    private static MockResponse stalled() {
        return new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{}").build();
    }

    private static String oneSecond(String yaml) {
        return yaml.replace("timeout: 2s", "timeout: 1s");
    }

    private static Arguments row(String name, Fault fault) {
        return Arguments.of(name, fault);
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
