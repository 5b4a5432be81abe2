package io.usercanary.probe;

import io.usercanary.config.AccountConfig;

/**
 * Runs before each of an account's runs, e.g. to delete and create again an ephemeral account that has grown
 * too old. Called from flow threads, never twice at once for one account; must not throw.
 */
@FunctionalInterface
public interface Preparation {
    /** Nothing to prepare. */
    Preparation NONE = (account, provisioner) -> Prepared.READY;

    Prepared beforeRun(AccountConfig account, Provisioner provisioner);

    /** Sends an account's {@code provision} requests with its fresh tokens: login, exchange, then each request. */
    @FunctionalInterface
    interface Provisioner {
        RunResult provision(AccountConfig account);
    }

    /** Ready to run; {@code recreated} when the Firebase user is new (cached tokens are dropped); else why not. */
    record Prepared(boolean recreated, String failure) {
        public static final Prepared READY = new Prepared(false, null);
        public static final Prepared RECREATED = new Prepared(true, null);

        public static Prepared failed(String failure) {
            return new Prepared(false, failure);
        }

        public boolean failed() {
            return failure != null;
        }
    }
}
