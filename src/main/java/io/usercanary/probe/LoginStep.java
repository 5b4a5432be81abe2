package io.usercanary.probe;

import io.usercanary.auth.FirebaseError;
import io.usercanary.auth.SignIn;
import io.usercanary.http.HttpFailure;

/** Signs the account in with Firebase. Without an exchange the ID token is also the bearer token. */
final class LoginStep extends FirebaseStep {
    @Override
    public Step kind() {
        return Step.LOGIN;
    }

    @Override
    StepReport ask(FlowContext context, Calls calls) throws FirebaseError, HttpFailure {
        SignIn.SignedIn signedIn = context.runner.signIn().signIn(context.account, context.deadline, calls);
        context.idToken = signedIn.tokens().idToken();
        context.jwt = context.idToken;
        context.redactor.add(context.idToken).add(signedIn.tokens().refreshToken());
        context.loginPath = signedIn.path();
        calls.traceInto(context);
        return StepReport.ok(signedIn.path(), 200);
    }
}
