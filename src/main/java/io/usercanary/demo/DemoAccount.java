package io.usercanary.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One seeded demo account: who it is, how old it is, and the throwaway password it signs in with.
 *
 * @param name the monitor's account name, e.g. {@code new-3d}
 * @param email the sign-in email, lower case
 * @param password generated per process, written into the demo's config; never printed by {@link #toString()}
 * @param localId the Firebase uid
 * @param createdAt when the account was "created", i.e. start of the demo minus {@code age}
 * @param ageLabel the age in words, for log lines ("2 months")
 */
public record DemoAccount(
        String name, String email, String password, String localId, Instant createdAt, String ageLabel) {

    public DemoAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(ageLabel, "ageLabel");
    }

    /** The value the dashboard's {@code /profile/marker} carries for this account. */
    public String marker() {
        return "m-" + name;
    }

    /** How old the account is at {@code now}. */
    public Duration ageAt(Instant now) {
        return Duration.between(createdAt, now);
    }

    @Override
    public String toString() {
        return "DemoAccount[" + name + ", " + email + ", " + ageLabel + " old, password=‹redacted›]";
    }
}
