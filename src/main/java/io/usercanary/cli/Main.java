package io.usercanary.cli;

/** Entry point of the usercanary jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("usercanary: not built yet");
        System.exit(2);
    }
}
