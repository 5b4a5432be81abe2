package io.usercanary.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** The demo's tokens: HMAC-signed ID tokens ({@link DemoIdTokens}), backend sessions and random refresh tokens. */
final class SignedTokens implements DemoTokens {
    private final DemoIdTokens idTokens;
    private final BackendSessions sessions;
    private final SecureRandom random;

    SignedTokens(DemoIdTokens idTokens, Clock clock, SecureRandom random) {
        this.idTokens = idTokens;
        this.sessions = new BackendSessions(clock, random);
        this.random = random;
    }

    @Override
    public String idToken(DemoAccount account, Instant authTime) {
        return idTokens.issue(account, authTime);
    }

    @Override
    public Optional<String> verifyIdToken(String idToken) {
        return idTokens.verify(idToken).map(DemoIdTokens.Verified::localId);
    }

    @Override
    public String refreshToken() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return "AMf-vB" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String session(String localId) {
        return sessions.issue(localId);
    }

    @Override
    public Optional<String> verifySession(String token) {
        return sessions.verify(token);
    }
}
