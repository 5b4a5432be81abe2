package io.usercanary.schedule;

import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ScheduleConfig;
import java.time.Duration;
import java.util.Properties;

/**
 * The Quartz properties the daemon's scheduler is built from: an in-memory job store now. A clustered
 * JDBC store (PostgreSQL) is a change of these properties only, chosen by the composition root
 * ({@code DaemonOptions.quartzProperties}); the jobs hold nothing but plain values.
 */
public final class QuartzProperties {
    static final String MISFIRE_THRESHOLD = "org.quartz.jobStore.misfireThreshold";

    private QuartzProperties() {}

    /** The properties for {@code config}, without the instance name (see {@link #named}). */
    public static Properties of(CanaryConfig config) {
        ScheduleConfig schedule = config.schedule();
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.scheduler.threadName", "usercanary-scheduler");
        p.setProperty("org.quartz.threadPool.class", LifoThreadPool.class.getName());
        int threads = schedule.threadsFor(config.accounts().size());
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        // One wake-up of the scheduler thread hands out as many due fires as there are free threads (Quartz's
        // default is one), so a scheduler that fell behind catches up at once instead of fire by fire.
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "usercanary-flow");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty(MISFIRE_THRESHOLD, Long.toString(misfireThreshold(schedule.interval()).toMillis()));
        return p;
    }

    /**
     * A fire later than this is a misfire and is skipped to the next one on the cadence: half the interval,
     * between 1 s and 60 s. Below the interval so a stalled flow or a paused process never replays old fires.
     */
    static Duration misfireThreshold(Duration interval) {
        Duration half = interval.dividedBy(2);
        if (half.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return half.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : half;
    }

    /** {@code base} with an instance name; Quartz keeps one scheduler per name in a JVM-wide repository. */
    static Properties named(Properties base, String instanceName) {
        Properties p = new Properties();
        p.putAll(base);
        p.setProperty("org.quartz.scheduler.instanceName", instanceName);
        return p;
    }
}
