package io.usercanary.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usercanary.app.Probes;
import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.CheckConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.http.BoundedHttp;
import io.usercanary.probe.CanaryRound;
import io.usercanary.probe.AccountStates;
import io.usercanary.probe.Probe;
import io.usercanary.probe.RunResult;
import io.usercanary.report.AtomicFile;
import io.usercanary.report.JsonReport;
import io.usercanary.report.JunitReport;
import io.usercanary.report.RoundReport;
import io.usercanary.report.TableReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code usercanary check}: every account once, now; exit 0 when all passed, 1 when any failed. */
@Command(name = "check", description = "Run every account's flow once and report: exit 0 all passed (ok or slow), 1 any failed, 2 bad config.")
final class CheckCommand implements Callable<Integer> {
    enum Format { table, json }

    @Mixin
    ConfigOption config;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write a JUnit XML report to FILE (checked for writability before any account runs).")
    Path junit;

    @Option(names = "--account", paramLabel = "NAME", description = "Run only this account (repeatable).")
    List<String> only;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CanaryConfig loaded;
        try {
            loaded = config.load();
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("usercanary: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<AccountConfig> accounts = loaded.accounts();
        if (only != null && !only.isEmpty()) {
            for (String name : only) {
                if (loaded.account(name).isEmpty()) {
                    spec.commandLine().getErr().println("usercanary: --account " + name + ": no such account in " + config.file);
                    return ExitCodes.USAGE;
                }
            }
            accounts = accounts.stream().filter(a -> only.contains(a.name())).toList();
        }
        if (junit != null) {
            try {
                // Before any account runs: a pipeline must not wait for the whole round to learn its path is wrong.
                AtomicFile.checkWritable(junit);
            } catch (IOException e) {
                return cannotWrite(e);
            }
        }
        Instant started = Instant.now();
        BoundedHttp http = new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP);
        Clock clock = Clock.systemUTC();
        // Ephemeral accounts past their maxAge are recreated before they run, as in the daemon.
        Probe probe = Probes.real(loaded, http, clock, new AccountStates(loaded), new SimpleMeterRegistry()).forConfig(loaded);
        List<RunResult> results = CanaryRound.runAll(probe, accounts, loaded.schedule().threadsFor(accounts.size()));
        http.client().dispatcher().executorService().shutdown();
        http.client().connectionPool().evictAll();
        RoundReport report = new RoundReport(loaded.environment(), loaded.location(), started, results);
        spec.commandLine().getOut().print(format == Format.json ? JsonReport.render(report) : TableReport.render(report));
        spec.commandLine().getOut().flush();
        if (junit != null) {
            try {
                JunitReport.write(report, loaded.checks().stream().map(CheckConfig::name).toList(), junit);
            } catch (IOException e) {
                return cannotWrite(e);
            }
        }
        return report.passed() ? ExitCodes.PASSED : ExitCodes.FAILED;
    }

    private int cannotWrite(IOException e) {
        spec.commandLine().getErr().println("usercanary: --junit " + junit + ": cannot write the report ("
                + AtomicFile.problem(e) + ")");
        return ExitCodes.USAGE;
    }
}
