package io.usercanary.cli;

import io.usercanary.auth.FirebaseAdmin;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.http.BoundedHttp;
import io.usercanary.seed.FirebaseUserDirectory;
import io.usercanary.seed.SeedRow;
import io.usercanary.seed.SeedTable;
import io.usercanary.seed.Seeder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code usercanary seed}: creates the canary accounts in Firebase, or brings them back to the config. */
@Command(name = "seed", description = {
    "Create or repair the canary accounts in Firebase: exit 0 done, 1 any account failed, 2 bad config.",
    "Creates missing accounts (then sends their provision requests) and makes existing ones enabled, with the "
            + "configured password and the usercanary claim. Idempotent: a second run changes nothing.",
    "Needs firebase.projectId and firebase-admin credentials (firebase.credentialsFile, else "
            + "GOOGLE_APPLICATION_CREDENTIALS); none against the emulator (firebase.emulatorHost or "
            + "FIREBASE_AUTH_EMULATOR_HOST)."})
final class SeedCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--dry-run", description = "Say what would change, change nothing (each password is still tried once).")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CanaryConfig loaded;
        FirebaseAdmin admin;
        try {
            loaded = config.load();
            if (loaded.firebase().projectId() == null || loaded.firebase().projectId().isBlank()) {
                throw new ConfigException(config.file + ": firebase.projectId: required by seed");
            }
            admin = FirebaseAdmin.shared(loaded.firebase());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("usercanary: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (FirebaseAdmin.Unavailable e) {
            spec.commandLine().getErr().println("usercanary: " + config.file + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        BoundedHttp http = new BoundedHttp(BoundedHttp.defaultClient(), BoundedHttp.DEFAULT_BODY_CAP);
        try {
            Seeder seeder = Seeder.create(loaded, new FirebaseUserDirectory(admin.auth()), http, Clock.systemUTC());
            List<SeedRow> rows = seeder.seed(dryRun);
            spec.commandLine().getOut().print(SeedTable.render(rows, dryRun));
            spec.commandLine().getOut().flush();
            return rows.stream().anyMatch(SeedRow::failed) ? ExitCodes.FAILED : ExitCodes.PASSED;
        } finally {
            http.client().dispatcher().executorService().shutdown();
            http.client().connectionPool().evictAll();
        }
    }
}
