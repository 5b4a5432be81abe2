package io.usercanary.schedule;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Quartz job per account, fired every {@code schedule.interval} from a jittered start. A reload reconciles
 * the jobs in place, all or nothing: a change that fails half-way is undone before the error is thrown. When
 * the scheduler's own properties change (threads, misfire threshold) a new scheduler takes over, with the
 * pending confirmation runs of the accounts that remain, and the old one finishes its flows in the background.
 * Thread-safe.
 */
public final class CanaryScheduler {
    static final String GROUP = "usercanary";
    private static final Logger LOG = LoggerFactory.getLogger(CanaryScheduler.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String INSTANCE_NAME = "org.quartz.scheduler.instanceName";

    private final ScheduledRuns runs;
    private final Function<CanaryConfig, Properties> quartzProperties;
    private Scheduler scheduler;
    private Properties properties;
    private ScheduleConfig timing;
    private boolean closed;

    private CanaryScheduler(ScheduledRuns runs, Function<CanaryConfig, Properties> quartzProperties) {
        this.runs = runs;
        this.quartzProperties = quartzProperties;
    }

    /** Schedules every account of {@code config} on an in-memory job store and starts firing. */
    public static CanaryScheduler start(CanaryConfig config, ScheduledRuns runs) throws SchedulerException {
        return start(config, runs, QuartzProperties::of);
    }

    /**
     * Schedules every account of {@code config} and starts firing, on a scheduler built from
     * {@code quartzProperties} of each config (a JDBC job store for a cluster, see {@link QuartzProperties}).
     */
    public static CanaryScheduler start(CanaryConfig config, ScheduledRuns runs, Function<CanaryConfig, Properties> quartzProperties)
            throws SchedulerException {
        CanaryScheduler canary = new CanaryScheduler(runs, quartzProperties);
        synchronized (canary) {
            canary.properties = quartzProperties.apply(config);
            canary.scheduler = canary.newScheduler(config, canary.properties, null, false);
            canary.scheduler.start();
            canary.timing = config.schedule();
        }
        return canary;
    }

    /** {@link #apply(CanaryConfig, Runnable)} with nothing else to commit. */
    public void apply(CanaryConfig config) throws SchedulerException {
        apply(config, () -> { });
    }

    /**
     * Makes the jobs match {@code config}: accounts added and removed, triggers renewed when the timing changed.
     * Nothing fires meanwhile. When every step succeeded, {@code commit} runs (the caller puts the config in
     * force; it must not throw) before firing resumes, so no run of an added account comes before it. When a
     * step fails, every job is put back as it was, {@code commit} does not run, and the error is thrown.
     */
    public synchronized void apply(CanaryConfig config, Runnable commit) throws SchedulerException {
        if (closed) {
            throw new IllegalStateException("the scheduler is shut down");
        }
        Properties wanted = quartzProperties.apply(config);
        boolean retime = !config.schedule().interval().equals(timing.interval())
                || !config.schedule().jitter().equals(timing.jitter());
        if (!wanted.equals(properties)) {
            Scheduler old = scheduler;
            boolean clustered = clustered(wanted);
            if (clustered) {
                // One scheduler name per cluster: the old one must leave Quartz's repository first. The jobs
                // stay in the shared store, so a refused change reopens the old settings on them.
                old.shutdown(false);
            }
            Scheduler created;
            try {
                created = newScheduler(config, wanted, clustered ? null : old, retime);
            } catch (SchedulerException | RuntimeException e) {
                if (clustered) {
                    scheduler = reopen(properties);
                }
                throw e;
            }
            try {
                commit.run();
                created.start();
            } catch (SchedulerException | RuntimeException e) {
                created.shutdown(false);
                if (clustered) {
                    scheduler = reopen(properties);
                }
                throw e;
            }
            scheduler = created;
            properties = wanted;
            timing = config.schedule();
            LOG.info("scheduler settings changed ({} threads): a new scheduler took over; the old one finishes its flows",
                    wanted.getProperty("org.quartz.threadPool.threadCount"));
            if (!clustered) {
                shutdownInBackground(old);
            }
            return;
        }
        JobReconciliation reconciliation = new JobReconciliation(scheduler);
        scheduler.standby();
        try {
            reconciliation.reconcile(config, retime);
            commit.run();
            timing = config.schedule();
        } catch (SchedulerException | RuntimeException e) {
            reconciliation.rollBack();
            throw e;
        } finally {
            scheduler.start();
        }
    }

    /** Started, not shut down, not paused. */
    public synchronized boolean running() {
        try {
            return !closed && scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** When the account's job fires next, if it is scheduled. */
    public synchronized Instant nextFire(String account) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(account, GROUP));
        return trigger == null || trigger.getNextFireTime() == null ? null : trigger.getNextFireTime().toInstant();
    }

    /** When the account's pending confirmation runs fire, soonest first. */
    public synchronized List<Instant> pendingConfirmations(String account) throws SchedulerException {
        return Confirmation.pending(scheduler, account);
    }

    /** Stops firing, then waits up to {@code grace} for the flows in flight; true when they all finished. */
    public boolean shutdown(Duration grace) {
        Scheduler current;
        synchronized (this) {
            if (closed) {
                return true;
            }
            closed = true;
            current = scheduler;
        }
        try {
            current.standby();
        } catch (SchedulerException e) {
            LOG.warn("could not pause the scheduler: {}", e.getMessage());
        }
        Thread waiter = shutdownInBackground(current);
        try {
            waiter.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !waiter.isAlive();
    }

    /**
     * A scheduler, not started yet, whose jobs match {@code config}, with the pending confirmations of
     * {@code takingOverFrom}. A clustered job store may already hold the jobs: they are kept (re-timed when
     * {@code retime} or their interval changed), and one another replica adds at the same moment is no error.
     */
    private Scheduler newScheduler(CanaryConfig config, Properties base, Scheduler takingOverFrom, boolean retime)
            throws SchedulerException {
        Scheduler created = open(base);
        JobReconciliation reconciliation = new JobReconciliation(created);
        try {
            reconciliation.reconcile(config, retime);
            if (takingOverFrom != null) {
                for (AccountConfig account : config.accounts()) {
                    Confirmation.copy(takingOverFrom, created, account.name());
                }
            }
            return created;
        } catch (SchedulerException | RuntimeException e) {
            reconciliation.rollBack();
            created.shutdown(false);
            throw e;
        }
    }

    /** A scheduler on {@code base}, its own name unless {@code base} names one (a cluster's is shared). */
    private Scheduler open(Properties base) throws SchedulerException {
        Properties named = base.containsKey(INSTANCE_NAME) ? base
                : QuartzProperties.named(base, GROUP + "-" + INSTANCES.incrementAndGet());
        Scheduler created = new StdSchedulerFactory(named).getScheduler();
        created.setJobFactory((bundle, s) -> new CanaryJob(runs));
        created.getListenerManager().addTriggerListener(new MisfireCount(runs.punctuality(),
                Long.parseLong(named.getProperty(QuartzProperties.MISFIRE_THRESHOLD))));
        return created;
    }

    /** The previous clustered scheduler back, after a refused settings change: its jobs are in the shared store. */
    private Scheduler reopen(Properties previous) throws SchedulerException {
        Scheduler reopened = open(previous);
        reopened.start();
        return reopened;
    }

    private static boolean clustered(Properties properties) {
        return Boolean.parseBoolean(properties.getProperty("org.quartz.jobStore.isClustered"));
    }

    private static Thread shutdownInBackground(Scheduler old) {
        Thread thread = new Thread(() -> {
            try {
                old.shutdown(true);
            } catch (SchedulerException e) {
                LOG.warn("scheduler shutdown: {}", e.getMessage());
            }
        }, "usercanary-scheduler-shutdown");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static JobDetail job(AccountConfig account) {
        return JobBuilder.newJob(CanaryJob.class)
                .withIdentity(account.name(), GROUP)
                .usingJobData(CanaryJob.ACCOUNT, account.name())
                .build();
    }

    static Trigger trigger(AccountConfig account, ScheduleConfig schedule, Instant now) {
        Duration offset = Jitter.offset(account.name(), schedule.jitter());
        return TriggerBuilder.newTrigger()
                .withIdentity(account.name(), GROUP)
                .startAt(Date.from(now.plus(offset)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(schedule.interval().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
