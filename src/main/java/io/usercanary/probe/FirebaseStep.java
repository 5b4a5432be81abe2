package io.usercanary.probe;

import io.usercanary.auth.FirebaseAuthClient;
import io.usercanary.auth.FirebaseError;
import io.usercanary.http.HttpFailure;
import io.usercanary.http.HttpResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A step that asks Firebase (sign-in, lookup): whatever goes wrong is {@code login_failed}, since the
 * backend was not asked yet. Firebase's answers become traces only once the tokens in them are registered.
 */
abstract class FirebaseStep implements FlowStep {
    @Override
    public Outcome noResponse(HttpFailure.Kind kind) {
        return Outcome.LOGIN_FAILED;
    }

    @Override
    public final StepReport run(FlowContext context) {
        Calls calls = new Calls();
        try {
            return ask(context, calls);
        } catch (FirebaseError e) {
            calls.traceInto(context);
            context.firebaseError = e.code();
            return StepReport.failed(Outcome.LOGIN_FAILED, e.getMessage(), e.httpStatus());
        } catch (HttpFailure e) {
            calls.traceInto(context);
            return StepReport.failed(Outcome.LOGIN_FAILED, "Firebase: " + e.getMessage(), 0);
        }
    }

    /** Asks Firebase through {@code calls}; registers the secrets in the answer, then {@link Calls#traceInto} the context. */
    abstract StepReport ask(FlowContext context, Calls calls) throws FirebaseError, HttpFailure;

    /** Firebase's answers as they arrive, kept as excerpt sources only. */
    static final class Calls implements FirebaseAuthClient.Observer {
        private record Pending(String path, int status, Duration duration, byte[] prefix, int length) {}

        private final List<Pending> pending = new ArrayList<>();

        @Override
        public void accept(String path, HttpResult result) {
            pending.add(new Pending(path, result.status(), result.duration(), FlowContext.excerptSource(result), result.body().length));
        }

        void traceInto(FlowContext context) {
            for (Pending p : pending) {
                context.trace("POST", p.path(), p.status(), p.duration(), p.prefix(), p.length());
            }
            pending.clear();
        }
    }
}
