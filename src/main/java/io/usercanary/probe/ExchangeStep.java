package io.usercanary.probe;

import io.usercanary.config.ExchangeConfig;
import io.usercanary.config.Secret;
import io.usercanary.http.HttpFailure;
import io.usercanary.http.HttpResult;
import io.usercanary.http.JsonScan;
import java.util.List;
import java.util.Optional;
import okhttp3.Request;

/**
 * Trades the ID token for the backend's token. The token is registered as a secret before the exchange's
 * trace is kept, whatever its shape. Any failure here is {@code exchange_failed}.
 */
final class ExchangeStep implements FlowStep {
    private final ExchangeConfig exchange;

    ExchangeStep(ExchangeConfig exchange) {
        this.exchange = exchange;
    }

    @Override
    public Step kind() {
        return Step.EXCHANGE;
    }

    @Override
    public Outcome noResponse(HttpFailure.Kind kind) {
        return Outcome.EXCHANGE_FAILED;
    }

    @Override
    public StepReport run(FlowContext context) {
        Request request;
        try {
            request = context.request(exchange.method(), exchange.path(), exchange.headers(), exchange.body());
        } catch (IllegalArgumentException e) {
            return StepReport.failed(Outcome.EXCHANGE_FAILED, e.getMessage(), 0);
        }
        try {
            return context.execute(request, result -> {
                Optional<String> token = token(context, result); // registered even from an error answer
                token.ifPresent(context.redactor::add);
                context.trace(request.method(), request.url().encodedPath(), result);
                if (!exchange.acceptsStatus(result.status())) {
                    return StepReport.failed(Outcome.EXCHANGE_FAILED,
                            "expected status " + exchange.expectedStatus() + ", got " + result.status(), result.status());
                }
                if (token.isEmpty()) {
                    return StepReport.failed(Outcome.EXCHANGE_FAILED, "no token at " + exchange.token(), result.status());
                }
                if (!token.get().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    return StepReport.failed(Outcome.EXCHANGE_FAILED, "the token at " + exchange.token()
                            + " holds a character that cannot be sent in a header", result.status());
                }
                context.jwt = Secret.of(token.get());
                return StepReport.ok("", result.status());
            });
        } catch (HttpFailure e) {
            return StepReport.failed(Outcome.EXCHANGE_FAILED, e.getMessage(), 0);
        }
    }

    private Optional<String> token(FlowContext context, HttpResult result) {
        return switch (exchange.token().kind()) {
            case JSON -> jsonToken(result, exchange.token().name());
            case HEADER -> Optional.ofNullable(result.header(exchange.token().name())).filter(v -> !v.isBlank());
            case COOKIE -> context.cookies.value(exchange.token().name()).filter(v -> !v.isBlank());
        };
    }

    private static Optional<String> jsonToken(HttpResult result, String pointer) {
        try {
            JsonScan.Value value = JsonScan.scan(result.body(), List.of(pointer)).get(pointer);
            return value.type() == JsonScan.Type.STRING && value.text() != null && !value.text().isBlank()
                    ? Optional.of(value.text()) : Optional.empty();
        } catch (JsonScan.NotJson e) {
            return Optional.empty();
        }
    }
}
