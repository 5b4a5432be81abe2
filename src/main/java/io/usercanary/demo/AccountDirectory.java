package io.usercanary.demo;

import java.util.Optional;

/** Who may sign in to the demo's Firebase, and who a uid is: {@link DemoAccounts}, or any account at all. */
public interface AccountDirectory {
    /** The account {@code email} and {@code password} sign in as; empty for a wrong password or unknown email alike. */
    Optional<DemoAccount> signIn(String email, String password);

    Optional<DemoAccount> byLocalId(String localId);
}
