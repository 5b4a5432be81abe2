package io.usercanary.probe;

import io.usercanary.config.RequestSpec;
import io.usercanary.http.HttpFailure;
import okhttp3.Request;

/** One of an account's {@code provision} requests, sent by seed after the sign-in and exchange; named {@code provision[i]}. */
final class ProvisionStep implements FlowStep {
    private final String name;
    private final RequestSpec spec;

    ProvisionStep(int index, RequestSpec spec) {
        this.name = "provision[" + index + "]";
        this.spec = spec;
    }

    @Override
    public Step kind() {
        return Step.PROVISION;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome noResponse(HttpFailure.Kind kind) {
        return switch (kind) {
            case TIMEOUT -> Outcome.TIMEOUT;
            case NETWORK -> Outcome.NETWORK_ERROR;
            case TRUNCATED, TOO_LARGE -> Outcome.HTTP_ERROR;
        };
    }

    @Override
    public StepReport run(FlowContext context) {
        Request request;
        try {
            request = context.request(spec.method(), spec.path(), context.withBackendHeaders(spec.headers()), spec.body());
        } catch (IllegalArgumentException e) {
            return StepReport.failed(Outcome.HTTP_ERROR, e.getMessage(), 0);
        }
        try {
            return context.execute(request, result -> {
                context.trace(request.method(), request.url().encodedPath(), result);
                return spec.acceptsStatus(result.status()) ? StepReport.ok("", result.status())
                        : StepReport.failed(Outcome.HTTP_ERROR, "expected status " + spec.expectedStatus() + ", got " + result.status(),
                                result.status());
            });
        } catch (HttpFailure e) {
            return StepReport.failed(noResponse(e.kind()), e.getMessage(), 0);
        }
    }
}
