package io.usercanary.cli;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code usercanary validate}: reads and checks the config, touches no network. */
@Command(name = "validate", description = "Check the config file and exit: 0 valid, 2 invalid. No network.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            CanaryConfig loaded = config.load();
            spec.commandLine().getOut().printf("%s: valid (environment %s, %d accounts, %d checks, %d cohorts)%n",
                    config.file, loaded.environment(), loaded.accounts().size(), loaded.checks().size(), loaded.cohorts().size());
            return ExitCodes.PASSED;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("usercanary: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
