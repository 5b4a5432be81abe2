package io.usercanary.auth;

import io.usercanary.config.Secret;
import java.time.Duration;

/** What a Firebase sign-in or refresh returns. The tokens are secrets. */
public record FirebaseTokens(Secret idToken, Secret refreshToken, Duration expiresIn, String localId) {}
