package io.usercanary.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer in the shape Firebase Auth (and its emulator) sends:
 * {@code {"error":{"code":400,"message":"INVALID_LOGIN_CREDENTIALS","errors":[{"message":…,"domain":"global","reason":"invalid"}]}}},
 * plus a {@code status} for the google.rpc-style errors (403, 404, invalid JSON).
 */
record FirebaseError(int code, String message, String reason, String status) {

    /** A 400 with an upper-case Firebase code, e.g. {@code INVALID_LOGIN_CREDENTIALS}; no status, as Firebase does. */
    static FirebaseError badRequest(String message) {
        return new FirebaseError(400, message, "invalid", null);
    }

    /** What the emulator answers when {@code ?key=} is missing or empty. */
    static FirebaseError missingApiKey() {
        return new FirebaseError(403, "The request is missing a valid API key.", "forbidden", "PERMISSION_DENIED");
    }

    static FirebaseError invalidJson(String detail) {
        return new FirebaseError(400, "Invalid JSON payload received. " + detail, "parseError", "INVALID_ARGUMENT");
    }

    static FirebaseError notFound() {
        return new FirebaseError(404, "Not Found", "notFound", "NOT_FOUND");
    }

    ObjectNode toJson() {
        ObjectNode root = Exchanges.JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.putArray("errors").addObject()
                .put("message", message)
                .put("domain", "global")
                .put("reason", reason);
        if (status != null) {
            error.put("status", status);
        }
        return root;
    }

    DemoAnswer answer() {
        return DemoAnswer.json(code, toJson());
    }
}
