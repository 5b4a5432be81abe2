package io.usercanary.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.FirebaseConfig;
import io.usercanary.config.LoginMethod;
import io.usercanary.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SignInStateTest {
    static final FirebaseConfig FIREBASE = new FirebaseConfig(Secret.of("key-1"), "127.0.0.1:9099", "demo-x", null, true, null);
    static final AccountConfig ACCOUNT = account(LoginMethod.PASSWORD, "a@example.com", "uid-a", "pw-1");
    static final SignInState.Settings SETTINGS = SignInState.Settings.of(FIREBASE, ACCOUNT);

    static AccountConfig account(LoginMethod login, String email, String uid, String password) {
        return new AccountConfig("a", email, Secret.of(password), null, login, uid, null, Map.of(), Map.of(), null, List.of());
    }

    static SignInState holding() {
        SignInState state = new SignInState();
        FirebaseTokens tokens = new FirebaseTokens(Secret.of("id"), Secret.of("refresh"), Duration.ofHours(1), "uid-a");
        state.hold(new SignInState.Held(SETTINGS, tokens, Instant.EPOCH.plusSeconds(3600), Instant.EPOCH));
        return state;
    }

    static Stream<Arguments> changedSettings() {
        UnaryOperator<FirebaseConfig> same = f -> f;
        return Stream.of(
                Arguments.of("apiKey", (UnaryOperator<FirebaseConfig>) f -> new FirebaseConfig(Secret.of("key-2"),
                        f.emulatorHost(), f.projectId(), f.credentialsFile(), true, null), ACCOUNT),
                Arguments.of("emulatorHost", (UnaryOperator<FirebaseConfig>) f -> f.withEmulatorHost("127.0.0.1:9100"), ACCOUNT),
                Arguments.of("projectId", (UnaryOperator<FirebaseConfig>) f -> new FirebaseConfig(f.apiKey(), f.emulatorHost(),
                        "demo-y", f.credentialsFile(), true, null), ACCOUNT),
                Arguments.of("credentialsFile", (UnaryOperator<FirebaseConfig>) f -> new FirebaseConfig(f.apiKey(),
                        f.emulatorHost(), f.projectId(), Path.of("/run/secrets/admin.json"), true, null), ACCOUNT),
                Arguments.of("login", same, account(LoginMethod.CUSTOM_TOKEN, "a@example.com", "uid-a", "pw-1")),
                Arguments.of("email", same, account(LoginMethod.PASSWORD, "b@example.com", "uid-a", "pw-1")),
                Arguments.of("uid", same, account(LoginMethod.PASSWORD, "a@example.com", "uid-b", "pw-1")),
                Arguments.of("password", same, account(LoginMethod.PASSWORD, "a@example.com", "uid-a", "pw-2")));
    }

    @ParameterizedTest(name = "a changed {0}")
    @MethodSource("changedSettings")
    void tokensAreDroppedWhenAFirebaseSettingOfTheAccountChanged(String what, UnaryOperator<FirebaseConfig> firebase,
                                                                 AccountConfig account) {
        SignInState state = holding();
        state.keepTokensOnlyFor(SignInState.Settings.of(firebase.apply(FIREBASE), account));
        assertFalse(state.holdsTokens(), what);
    }

    @Test
    void tokensAreKeptWhenOnlyOtherKeysChanged() {
        SignInState state = holding();
        AccountConfig withVars = new AccountConfig("a", "a@example.com", Secret.of("pw-1"), null, LoginMethod.PASSWORD, "uid-a",
                "recent", Map.of("marker", "m-2"), Map.of(), null, List.of());
        state.keepTokensOnlyFor(SignInState.Settings.of(FIREBASE, withVars));
        assertTrue(state.holdsTokens());
    }

    @Test
    void settingsNeverPrintTheirSecrets() {
        assertFalse(SETTINGS.toString().contains("pw-1") || SETTINGS.toString().contains("key-1"), SETTINGS.toString());
    }
}
