package io.usercanary.auth;

import io.usercanary.config.FirebaseConfig;
import okhttp3.HttpUrl;

/** Base URLs of the Identity Toolkit and Secure Token APIs: Google's, or an emulator's at {@code http://host:port/...}. */
public record FirebaseEndpoints(HttpUrl identityToolkit, HttpUrl secureToken) {
    public static final FirebaseEndpoints PRODUCTION = new FirebaseEndpoints(
            HttpUrl.get("https://identitytoolkit.googleapis.com/v1/"),
            HttpUrl.get("https://securetoken.googleapis.com/v1/token"));

    public static FirebaseEndpoints emulator(String hostAndPort) {
        return new FirebaseEndpoints(
                HttpUrl.get("http://" + hostAndPort + "/identitytoolkit.googleapis.com/v1/"),
                HttpUrl.get("http://" + hostAndPort + "/securetoken.googleapis.com/v1/token"));
    }

    public static FirebaseEndpoints of(FirebaseConfig config) {
        return config.usesEmulator() ? emulator(config.emulatorHost()) : PRODUCTION;
    }

    HttpUrl accounts(String method) {
        return identityToolkit.newBuilder().addPathSegment("accounts:" + method).build();
    }
}
