package io.usercanary.probe;

import io.usercanary.auth.FirebaseError;
import io.usercanary.http.HttpFailure;
import java.time.Duration;
import java.time.Instant;

/** Asks Firebase when the account was created: its age, and its cohort when the config gives none. */
final class LookupStep extends FirebaseStep {
    @Override
    public Step kind() {
        return Step.LOOKUP;
    }

    @Override
    StepReport ask(FlowContext context, Calls calls) throws FirebaseError, HttpFailure {
        Instant createdAt = context.runner.firebase().createdAt(context.idToken, context.deadline, calls);
        calls.traceInto(context);
        Duration age = Duration.between(createdAt, context.runner.clock().instant());
        context.ageSeconds = Math.max(0, age.getSeconds());
        if (context.account.cohort() == null) {
            context.cohort = context.config.cohortForAge(age.isNegative() ? Duration.ZERO : age);
            context.runner.rememberCohort(context.account, context.cohort);
        }
        return StepReport.ok("created " + createdAt, 200);
    }
}
