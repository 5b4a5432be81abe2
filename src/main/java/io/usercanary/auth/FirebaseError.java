package io.usercanary.auth;

import java.util.Map;
import java.util.Set;

/**
 * Firebase said no: HTTP status and its error code ({@code INVALID_LOGIN_CREDENTIALS}, {@code USER_DISABLED}, ...).
 * The code is Firebase's own text up to any {@code " : "} explanation, which is dropped.
 */
public final class FirebaseError extends Exception {
    /** Google's reason for a key restricted to HTTP referrers that the call's {@code Referer} does not match. */
    public static final String REFERRER_BLOCKED = "API_KEY_HTTP_REFERRER_BLOCKED";
    /** Ours: the sign-in answered with {@code mfaPendingCredential}, asking for a second factor, and no ID token. */
    public static final String MFA_ENROLLED = "MFA_ENROLLED";

    /** What to do about the codes a canary's own setup causes, appended to Firebase's code in the detail. */
    private static final Map<String, String> HINTS = Map.of(
            REFERRER_BLOCKED, "the API key is restricted to HTTP referrers; send an allowed one with"
                    + " firebase.headers: { Referer: \"https://your.app/\" }",
            "API_KEY_ANDROID_APP_BLOCKED", "the API key is restricted to Android apps; send firebase.headers:"
                    + " X-Android-Package and X-Android-Cert",
            "API_KEY_IOS_APP_BLOCKED", "the API key is restricted to iOS apps; send firebase.headers: X-Ios-Bundle-Identifier",
            "TENANT_DISABLED", "the Identity Platform tenant in firebase.tenantId is disabled; enable it or use another",
            "PROJECT_DISABLED", "sign-in is disabled for the project, or for the tenant in firebase.tenantId",
            "TENANT_NOT_FOUND", "firebase.tenantId names no tenant of this project",
            "TENANT_ID_MISMATCH", "the account is not in firebase.tenantId's tenant (seed it there)",
            "UNSUPPORTED_TENANT_OPERATION", "this sign-in is not supported inside a tenant");

    /** Codes the metrics label by name; anything else is counted as {@code other}. */
    public static final Set<String> DOCUMENTED_CODES = Set.of(
            "INVALID_LOGIN_CREDENTIALS", "EMAIL_NOT_FOUND", "INVALID_PASSWORD", "USER_DISABLED",
            "TOO_MANY_ATTEMPTS_TRY_LATER", "QUOTA_EXCEEDED", "INVALID_ID_TOKEN", "USER_NOT_FOUND",
            "TOKEN_EXPIRED", "INVALID_REFRESH_TOKEN", "INVALID_GRANT_TYPE", "MISSING_REFRESH_TOKEN",
            "INVALID_CUSTOM_TOKEN", "CREDENTIAL_MISMATCH", "API_KEY_INVALID", "PERMISSION_DENIED",
            "OPERATION_NOT_ALLOWED", "INVALID_EMAIL", "MISSING_PASSWORD", "INVALID_API_KEY", "PROJECT_NOT_FOUND",
            REFERRER_BLOCKED, MFA_ENROLLED, "TENANT_DISABLED", "TENANT_NOT_FOUND", "TENANT_ID_MISMATCH",
            "PROJECT_DISABLED");

    private final int httpStatus;
    private final String code;

    public FirebaseError(int httpStatus, String code) {
        super("Firebase: " + code + (httpStatus == 400 ? "" : " (HTTP " + httpStatus + ")")
                + (HINTS.containsKey(code) ? ": " + HINTS.get(code) : ""), null, false, false);
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
