package io.usercanary.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * POSIX signal handlers through {@code sun.misc.Signal} (module jdk.unsupported), where the JVM has it.
 * Reached by reflection: the class may be absent from a trimmed runtime, and javac warns on every direct use.
 */
final class Signals {
    private Signals() {}

    /** Runs {@code action} on each {@code name} signal ("HUP", "TERM"); false when this JVM or OS cannot. */
    static boolean handle(String name, Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object signal = signalType.getConstructor(String.class).newInstance(name);
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> invoke(name, action, proxy, method, args));
            signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException e) {
            // No jdk.unsupported, no such signal on this OS, or the JVM keeps it for itself (-Xrs).
            return false;
        }
    }

    private static Object invoke(String name, Runnable action, Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "handle" -> {
                action.run();
                yield null;
            }
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "SIG" + name + " handler";
        };
    }
}
