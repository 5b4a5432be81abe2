package io.usercanary.auth;

import java.util.Set;

/**
 * Firebase said no: HTTP status and its error code ({@code INVALID_LOGIN_CREDENTIALS}, {@code USER_DISABLED}, ...).
 * The code is Firebase's own text up to any {@code " : "} explanation, which is dropped.
 */
public final class FirebaseError extends Exception {
    /** Codes the metrics label by name; anything else is counted as {@code other}. */
    public static final Set<String> DOCUMENTED_CODES = Set.of(
            "INVALID_LOGIN_CREDENTIALS", "EMAIL_NOT_FOUND", "INVALID_PASSWORD", "USER_DISABLED",
            "TOO_MANY_ATTEMPTS_TRY_LATER", "QUOTA_EXCEEDED", "INVALID_ID_TOKEN", "USER_NOT_FOUND",
            "TOKEN_EXPIRED", "INVALID_REFRESH_TOKEN", "INVALID_GRANT_TYPE", "MISSING_REFRESH_TOKEN",
            "INVALID_CUSTOM_TOKEN", "CREDENTIAL_MISMATCH", "API_KEY_INVALID", "PERMISSION_DENIED",
            "OPERATION_NOT_ALLOWED", "INVALID_EMAIL", "MISSING_PASSWORD", "INVALID_API_KEY", "PROJECT_NOT_FOUND");

    private final int httpStatus;
    private final String code;

    public FirebaseError(int httpStatus, String code) {
        super("Firebase: " + code + (httpStatus == 400 ? "" : " (HTTP " + httpStatus + ")"), null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /**
     * An error decided without asking Firebase (backing off, a custom token that could not be minted):
     * {@code message} is the whole detail, {@code httpStatus} 0 when no call was made.
     */
    public FirebaseError(int httpStatus, String code, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    /** Wrong email or password: the codes with and without email-enumeration protection. */
    public boolean badCredentials() {
        return code.equals("INVALID_LOGIN_CREDENTIALS") || code.equals("INVALID_PASSWORD") || code.equals("EMAIL_NOT_FOUND");
    }

    /** Throttling: the account should back off before it tries again. */
    public boolean throttled() {
        return httpStatus == 429 || code.startsWith("TOO_MANY_ATTEMPTS") || code.equals("QUOTA_EXCEEDED");
    }
}
