package io.usercanary.demo;

import java.time.Instant;
import java.util.Optional;

/**
 * The tokens the demo's Firebase mints and its backend trusts: ID tokens, refresh tokens and the backend's
 * session JWTs. {@link SignedTokens} signs real JWTs; a test can mint recognisable ones of its own instead.
 */
public interface DemoTokens {
    /** A Firebase ID token for {@code account}, signed in at {@code authTime}. */
    String idToken(DemoAccount account, Instant authTime);

    /** The uid an ID token speaks for, if the token is valid. */
    Optional<String> verifyIdToken(String idToken);

    /** A new, unguessable refresh token. */
    String refreshToken();

    /** The backend's session token for uid {@code localId}. */
    String session(String localId);

    /** The uid a session token speaks for, if the token is valid. */
    Optional<String> verifySession(String token);
}
