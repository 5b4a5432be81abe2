package io.usercanary.probe;

/** The stages of a flow, in order. */
public enum Step {
    LOGIN, LOOKUP, EXCHANGE, CHECK;

    public String label() {
        return name().toLowerCase();
    }
}
