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
            canary.scheduler = canary.newScheduler(config, canary.properties, null);
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
        if (!wanted.equals(properties)) {
            Scheduler old = scheduler;
            Scheduler created = newScheduler(config, wanted, old);
            try {
                commit.run();
                created.start();
            } catch (SchedulerException | RuntimeException e) {
                created.shutdown(false);
                throw e;
            }
            scheduler = created;
            properties = wanted;
            timing = config.schedule();
            LOG.info("scheduler settings changed ({} threads): a new scheduler took over; the old one finishes its flows",
                    wanted.getProperty("org.quartz.threadPool.threadCount"));
            shutdownInBackground(old);
            return;
        }
        boolean retime = !config.schedule().interval().equals(timing.interval())
                || !config.schedule().jitter().equals(timing.jitter());
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

    /** A scheduler, not started yet, with every account's job and the pending confirmations of {@code takingOverFrom}. */
    private Scheduler newScheduler(CanaryConfig config, Properties base, Scheduler takingOverFrom) throws SchedulerException {
        Properties named = QuartzProperties.named(base, GROUP + "-" + INSTANCES.incrementAndGet());
        Scheduler created = new StdSchedulerFactory(named).getScheduler();
        try {
            created.setJobFactory((bundle, s) -> new CanaryJob(runs));
            created.getListenerManager().addTriggerListener(new MisfireCount(runs.punctuality(),
                    Long.parseLong(base.getProperty(QuartzProperties.MISFIRE_THRESHOLD))));
            Instant now = Instant.now();
            for (AccountConfig account : config.accounts()) {
                created.scheduleJob(job(account), trigger(account, config.schedule(), now));
                if (takingOverFrom != null) {
                    Confirmation.copy(takingOverFrom, created, account.name());
                }
            }
            return created;
        } catch (SchedulerException | RuntimeException e) {
            created.shutdown(false);
            throw e;
        }
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
