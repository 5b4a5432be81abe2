package io.usercanary.cli;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.config.ConfigLoader;
import io.usercanary.config.ConfigValidation;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code usercanary validate}: reads and checks the config, touches no network. Secrets need not be on this machine
 * (a pull-request pipeline has none): an unset variable or unreadable password file is a warning unless {@code --strict}.
 */
@Command(name = "validate", description = "Check the config file and exit: 0 valid, 2 invalid. No network; "
        + "secrets not set here are warnings, or errors with --strict.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--strict", description = "Also require every secret: unset ${VAR}s and unreadable passwordFiles are errors.")
    boolean strict;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    ValidateCommand() {
        this(System.getenv());
    }

    /** With the given environment instead of the process's, for tests. */
    ValidateCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            ConfigLoader loader = new ConfigLoader(environment);
            CanaryConfig loaded;
            if (strict) {
                loaded = loader.load(config.file);
            } else {
                ConfigValidation validation = loader.validate(config.file);
                validation.warnings().forEach(warning -> err.println("usercanary: warning: " + warning));
                err.flush();
                loaded = validation.config();
            }
            spec.commandLine().getOut().printf("%s: valid (environment %s, %s, %s, %s)%n", config.file, loaded.environment(),
                    count(loaded.accounts().size(), "account"), count(loaded.checks().size(), "check"),
                    count(loaded.cohorts().size(), "cohort"));
            return ExitCodes.PASSED;
        } catch (ConfigException e) {
            err.println("usercanary: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
