package io.usercanary.cli;

/** Exit codes a pipeline can rely on. */
final class ExitCodes {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int INTERNAL = 3;

    private ExitCodes() {}
}
