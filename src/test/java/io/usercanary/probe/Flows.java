package io.usercanary.probe;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ConfigException;
import io.usercanary.http.BoundedHttp;
import io.usercanary.testing.TestConfigs;
import java.time.Clock;

/** Runs a config's first account once through {@link FlowRunner#create}, on the system clock, as the daemon would. */
final class Flows {
    private Flows() {}

    static RunResult runFirst(String yaml) throws ConfigException {
        return runFirst(yaml, BoundedHttp.DEFAULT_BODY_CAP);
    }

    /** With answers capped at {@code bodyCap} bytes. */
    static RunResult runFirst(String yaml, long bodyCap) throws ConfigException {
        CanaryConfig config = TestConfigs.parse(yaml);
        return FlowRunner.create(config, new BoundedHttp(BoundedHttp.defaultClient(), bodyCap), Clock.systemUTC())
                .run(config.accounts().get(0));
    }
}
