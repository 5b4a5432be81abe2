package io.usercanary.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Firebase-shaped ID tokens for the demo project: {@link DemoFirebaseAuth} issues them and
 * {@link DemoBackend} verifies them, sharing this one object (and so its key). Thread-safe.
 */
public final class DemoIdTokens {
    /** A {@code demo-} project id, as the Firebase emulator expects for offline projects. */
    public static final String PROJECT_ID = "demo-usercanary";
    public static final String ISSUER = "https://securetoken.google.com/" + PROJECT_ID;
    public static final Duration LIFETIME = Duration.ofHours(1);

    /** What a valid token says about its user. */
    public record Verified(String localId, String email, Instant authTime, Instant expiresAt) {}

    private final HmacJwt jwt;
    private final Clock clock;

    public DemoIdTokens(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.jwt = new HmacJwt(random, "demo-usercanary-id-token");
    }

    /** A token for {@code account}, valid for {@link #LIFETIME} from now. */
    public String issue(DemoAccount account, Instant authTime) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = HmacJwt.newClaims()
                .put("iss", ISSUER)
                .put("aud", PROJECT_ID)
                .put("auth_time", authTime.getEpochSecond())
                .put("user_id", account.localId())
                .put("sub", account.localId())
                .put("iat", now)
                .put("exp", now + LIFETIME.toSeconds())
                .put("email", account.email())
                .put("email_verified", false);
        ObjectNode firebase = claims.putObject("firebase");
        firebase.putObject("identities").putArray("email").add(account.email());
        firebase.put("sign_in_provider", "password");
        return jwt.sign(claims);
    }

    /** The token's user, if it is signed by this process, for this project, and not expired. */
    public Optional<Verified> verify(String idToken) {
        return jwt.verify(idToken).filter(this::acceptable).map(claims -> new Verified(
                claims.path("sub").asText(),
                claims.path("email").asText(),
                Instant.ofEpochSecond(claims.path("auth_time").asLong()),
                Instant.ofEpochSecond(claims.path("exp").asLong())));
    }

    private boolean acceptable(JsonNode claims) {
        long now = clock.instant().getEpochSecond();
        return ISSUER.equals(claims.path("iss").asText())
                && PROJECT_ID.equals(claims.path("aud").asText())
                && claims.path("exp").canConvertToLong()
                && claims.path("exp").asLong() > now
                && !claims.path("sub").asText().isEmpty();
    }
}
