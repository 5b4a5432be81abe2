package io.usercanary.seed;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A canary account's Firebase user as firebase-admin sees it. */
public record CanaryUser(String uid, String email, Instant createdAt, boolean disabled, Map<String, Object> claims) {
    /** The custom claim that marks a canary, so the product can keep it out of analytics and billing. */
    public static final String CLAIM = "usercanary";

    public CanaryUser {
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }

    /** Carries {@code usercanary: true}: seed made or adopted it, so it may be deleted when ephemeral. */
    public boolean marked() {
        return Boolean.TRUE.equals(claims.get(CLAIM));
    }

    public Duration age(Instant now) {
        Duration age = Duration.between(createdAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
