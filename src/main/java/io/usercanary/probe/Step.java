package io.usercanary.probe;

/** The stages of a flow, in order; {@code PROVISION} is a request of seed's provisioning flow, never of a run. */
public enum Step {
    LOGIN, LOOKUP, EXCHANGE, CHECK, PROVISION;

    public String label() {
        return name().toLowerCase();
    }
}
