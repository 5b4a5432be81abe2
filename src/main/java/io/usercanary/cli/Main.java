package io.usercanary.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        description = "Synthetic-user canary: logs seeded accounts of different ages in through Firebase and checks their dashboards are not empty.")
public final class Main {
    public static void main(String[] args) {
        StartupWarmup.startFor(args);
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code: 0 passed, 1 failed, 2 bad config or usage. */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /** The picocli model {@code args} run on: every sub-command when they name none. */
    static CommandLine commandLine(String... args) {
        CommandLine line = new CommandLine(new Main());
        // picocli builds the model of every sub-command it is given by reflection, a tenth of the daemon's
        // start: it gets the one the command line names, or all of them (for the help and "did you mean").
        Map<String, Class<?>> commands = commands(CheckCommand.class, ValidateCommand.class, RunCommand.class, DemoCommand.class,
                SeedCommand.class, HealthcheckCommand.class);
        Class<?> named = args.length > 0 ? commands.get(args[0]) : null;
        for (Class<?> command : named != null ? List.<Class<?>>of(named) : commands.values()) {
            line.addSubcommand(command);
        }
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
        return line;
    }

    /** The sub-commands by name, in the order the help lists them. */
    private static Map<String, Class<?>> commands(Class<?>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> command : commands) {
            byName.put(command.getAnnotation(Command.class).name(), command);
        }
        return byName;
    }
}
