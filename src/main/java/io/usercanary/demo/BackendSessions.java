package io.usercanary.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The sample backend's own session JWTs, under a key separate from the ID tokens'. Thread-safe. */
final class BackendSessions {
    static final String ISSUER = "demo-backend";
    static final Duration LIFETIME = Duration.ofHours(1);

    private final HmacJwt jwt;
    private final Clock clock;

    BackendSessions(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.jwt = new HmacJwt(random, "demo-backend-session");
    }

    String issue(String localId) {
        long now = clock.instant().getEpochSecond();
        return jwt.sign(HmacJwt.newClaims()
                .put("iss", ISSUER)
                .put("sub", localId)
                .put("iat", now)
                .put("exp", now + LIFETIME.toSeconds()));
    }

    /** The account's uid, if the session token is ours and not expired. */
    Optional<String> verify(String token) {
        long now = clock.instant().getEpochSecond();
        return jwt.verify(token)
                .filter(claims -> ISSUER.equals(claims.path("iss").asText()))
                .filter(claims -> claims.path("exp").asLong(0) > now)
                .map(claims -> claims.path("sub").asText())
                .filter(sub -> !sub.isEmpty());
    }
}
