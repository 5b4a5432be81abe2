package io.usercanary.cli;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by every command that reads the config. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "usercanary.yaml",
            description = "The YAML config (default: ${DEFAULT-VALUE}).")
    Path file;

    CanaryConfig load() throws ConfigException {
        return ConfigLoader.fromProcessEnvironment().load(file);
    }
}
