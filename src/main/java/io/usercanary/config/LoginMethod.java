package io.usercanary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an account signs in to Firebase. */
public enum LoginMethod {
    /** {@code accounts:signInWithPassword} with the account's email and password. */
    PASSWORD("password"),
    /** A custom token minted by firebase-admin for the account's uid, then {@code accounts:signInWithCustomToken}. */
    CUSTOM_TOKEN("customToken");

    private final String yaml;

    LoginMethod(String yaml) {
        this.yaml = yaml;
    }

    @JsonValue
    public String yaml() {
        return yaml;
    }

    @JsonCreator
    public static LoginMethod fromYaml(String text) {
        for (LoginMethod method : values()) {
            if (method.yaml.equals(text)) {
                return method;
            }
        }
        throw new IllegalArgumentException(Checks.quoted(text) + " is not a login method; use password or customToken");
    }
}
