package io.usercanary.auth;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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

    /**
     * One stack for a test class: {@code @RegisterExtension static final EmulatorStack.PerClass stack = new EmulatorStack.PerClass();}
     * starts it before the class's first test and closes it after its last (nested classes share it).
     */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private EmulatorStack stack;
        private Class<?> owner;

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            if (stack == null) {
                owner = context.getRequiredTestClass();
                stack = EmulatorStack.start(owner);
            }
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (stack != null && context.getRequiredTestClass() == owner) {
                stack.close();
                stack = null;
            }
        }

        public Emulator emulator() {
            return started().emulator();
        }

        public FirebaseAdmin admin() {
            return started().admin();
        }

        public VerifyingBackend backend() {
            return started().backend();
        }

        private EmulatorStack started() {
            if (stack == null) {
                throw new IllegalStateException("the emulator stack starts before the test class");
            }
            return stack;
        }
    }
}
