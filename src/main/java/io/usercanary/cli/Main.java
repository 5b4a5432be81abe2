package io.usercanary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** Entry point of the usercanary jar. */
@Command(name = "usercanary",
        // Inherited, so every sub-command answers --help (and --version) with exit 0.
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        usageHelpAutoWidth = true,
        versionProvider = Version.class,
        description = "Synthetic-user canary: logs seeded accounts of different ages in through Firebase and checks their dashboards are not empty.",
        subcommands = {CheckCommand.class, ValidateCommand.class, RunCommand.class, DemoCommand.class, SeedCommand.class, HealthcheckCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code: 0 passed, 1 failed, 2 bad config or usage. */
    public static int execute(String... args) {
        CommandLine line = new CommandLine(new Main());
        line.setParameterExceptionHandler((e, argv) -> {
            e.getCommandLine().getErr().println("usercanary: " + e.getMessage()
                    + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.USAGE;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("usercanary: internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            return ExitCodes.INTERNAL;
        });
        return line.execute(args);
    }
}
