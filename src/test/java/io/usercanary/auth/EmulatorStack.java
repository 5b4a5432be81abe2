package io.usercanary.auth;

/**
 * What an emulator-backed test class needs: the emulator, a firebase-admin app of its own, and a backend
 * that verifies the emulator's ID tokens. Closed together, also on a partial start.
 */
public record EmulatorStack(Emulator emulator, FirebaseAdmin admin, VerifyingBackend backend) implements AutoCloseable {
    public static EmulatorStack start(Class<?> testClass) throws Exception {
        Emulator emulator = new Emulator();
        FirebaseAdmin admin = emulator.admin(testClass);
        try {
            return new EmulatorStack(emulator, admin, VerifyingBackend.start(admin.auth()));
        } catch (Exception | Error e) {
            admin.close();
            throw e;
        }
    }

    @Override
    public void close() {
        backend.close();
        admin.close();
        FirebaseAdmin.closeShared();
    }
}
