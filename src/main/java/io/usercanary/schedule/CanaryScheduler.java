package io.usercanary.schedule;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import io.usercanary.config.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Quartz job per account, fired every {@code schedule.interval} from a jittered start. A reload reconciles
 * the jobs in place; when the scheduler's own properties change (threads, misfire threshold) a new scheduler
 * takes over and the old one finishes its flows in the background. Thread-safe.
 */
public final class CanaryScheduler {
    static final String GROUP = "usercanary";
    private static final Logger LOG = LoggerFactory.getLogger(CanaryScheduler.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final AccountRunner runner;
    /** Turns the in-memory properties into another job store's, e.g. the cluster's JDBC one. */
    private final UnaryOperator<Properties> store;
    private Scheduler scheduler;
    private Properties properties;
    private ScheduleConfig timing;
    private boolean closed;

    private CanaryScheduler(AccountRunner runner, UnaryOperator<Properties> store) {
        this.runner = runner;
        this.store = store;
    }

    /** Schedules every account of {@code config} and starts firing. */
    public static CanaryScheduler start(CanaryConfig config, AccountRunner runner) throws SchedulerException {
        return start(config, runner, UnaryOperator.identity());
    }

    /** The same on the job store {@code store} makes of the properties; a clustered one may already hold the jobs. */
    public static CanaryScheduler start(CanaryConfig config, AccountRunner runner, UnaryOperator<Properties> store)
            throws SchedulerException {
        CanaryScheduler canary = new CanaryScheduler(runner, store);
        synchronized (canary) {
            canary.properties = store.apply(QuartzProperties.of(config));
            canary.scheduler = canary.newScheduler(config, canary.properties);
            canary.timing = config.schedule();
        }
        return canary;
    }

    /** Makes the jobs match {@code config}: accounts added and removed, triggers renewed when the timing changed. */
    public synchronized void apply(CanaryConfig config) throws SchedulerException {
        if (closed) {
            throw new IllegalStateException("the scheduler is shut down");
        }
        Properties wanted = store.apply(QuartzProperties.of(config));
        if (!wanted.equals(properties)) {
            Scheduler old = scheduler;
            if (Boolean.parseBoolean(wanted.getProperty("org.quartz.jobStore.isClustered"))) {
                old.shutdown(false); // one scheduler name per cluster: the old one must leave Quartz's repository first
            }
            scheduler = newScheduler(config, wanted);
            properties = wanted;
            timing = config.schedule();
            LOG.info("scheduler settings changed ({} threads): a new scheduler took over; the old one finishes its flows",
                    wanted.getProperty("org.quartz.threadPool.threadCount"));
            shutdownInBackground(old);
            return;
        }
        boolean retime = !config.schedule().interval().equals(timing.interval())
                || !config.schedule().jitter().equals(timing.jitter());
        reconcile(scheduler, config, retime);
        timing = config.schedule();
    }

    private static void reconcile(Scheduler scheduler, CanaryConfig config, boolean retime) throws SchedulerException {
        Set<String> wantedNames = new HashSet<>();
        config.accounts().forEach(a -> wantedNames.add(a.name()));
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wantedNames.contains(key.getName())) {
                scheduler.deleteJob(key);
            }
        }
        Instant now = Instant.now();
        for (AccountConfig account : config.accounts()) {
            TriggerKey key = TriggerKey.triggerKey(account.name(), GROUP);
            Trigger existing = scheduler.getTrigger(key);
            if (existing == null) {
                try {
                    scheduler.scheduleJob(job(account), trigger(account, config.schedule(), now));
                } catch (ObjectAlreadyExistsException raced) {
                    LOG.debug("account {}: another replica scheduled it at the same moment", account.name());
                }
            } else if (retime || existing instanceof SimpleTrigger simple
                    && simple.getRepeatInterval() != config.schedule().interval().toMillis()) {
                scheduler.rescheduleJob(key, trigger(account, config.schedule(), now));
            }
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

    private Scheduler newScheduler(CanaryConfig config, Properties base) throws SchedulerException {
        Properties named = base.containsKey("org.quartz.scheduler.instanceName") ? base
                : QuartzProperties.named(base, GROUP + "-" + INSTANCES.incrementAndGet());
        Scheduler created = new StdSchedulerFactory(named).getScheduler();
        created.setJobFactory((bundle, s) -> new CanaryJob(runner));
        reconcile(created, config, false);
        created.start();
        return created;
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

    private static JobDetail job(AccountConfig account) {
        return JobBuilder.newJob(CanaryJob.class)
                .withIdentity(account.name(), GROUP)
                .usingJobData(CanaryJob.ACCOUNT, account.name())
                .build();
    }

    private static Trigger trigger(AccountConfig account, ScheduleConfig schedule, Instant now) {
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
