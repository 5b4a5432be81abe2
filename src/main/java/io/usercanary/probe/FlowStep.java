package io.usercanary.probe;

import io.usercanary.http.HttpFailure;

/** One step of a flow (login, lookup, exchange, a check, a provision request), run by {@link Flow} against the run's context. */
interface FlowStep {
    Step kind();

    /** The check's or provision request's name; "" for the sign-in stages. */
    default String name() {
        return "";
    }

    /** Runs the step; failures it can name are its report, anything thrown is a bug in the canary. */
    StepReport run(FlowContext context);

    /** The outcome when this step gets no usable response ({@code kind}), and when the flow has no time left for it. */
    Outcome noResponse(HttpFailure.Kind kind);

    /** True for the sign-in stages and provision requests: the steps after them need what they produce. */
    default boolean stopsOnFailure() {
        return kind() != Step.CHECK;
    }

    /** The capture this step needs and the flow does not hold, so it is not run; null when it can run. */
    default String missingCapture(FlowContext context) {
        return null;
    }
}
