package io.usercanary.schedule;

import io.usercanary.config.AccountConfig;
import io.usercanary.config.CanaryConfig;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reload's changes to a scheduler's jobs, each step remembered with its inverse so a change that fails
 * half-way (a job store refusing a job) can be taken back whole. Used once, under the scheduler's lock.
 */
final class JobReconciliation {
    private static final Logger LOG = LoggerFactory.getLogger(JobReconciliation.class);

    /** One step taken back. */
    @FunctionalInterface
    private interface Undo {
        void run() throws SchedulerException;
    }

    private final Scheduler scheduler;
    private final Deque<Undo> undo = new ArrayDeque<>();

    JobReconciliation(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Removes the jobs of accounts not in {@code config}, adds the new ones, renews every trigger when
     * {@code retime} or when its interval is not the config's (a clustered store keeps another config's triggers).
     * A job another replica adds at the same moment is taken as added.
     */
    void reconcile(CanaryConfig config, boolean retime) throws SchedulerException {
        Set<String> wantedNames = new HashSet<>();
        config.accounts().forEach(a -> wantedNames.add(a.name()));
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(CanaryScheduler.GROUP))) {
            if (!wantedNames.contains(key.getName())) {
                JobDetail job = scheduler.getJobDetail(key);
                Set<Trigger> triggers = Set.copyOf(scheduler.getTriggersOfJob(key));
                scheduler.deleteJob(key);
                undo.push(() -> scheduler.scheduleJob(job, triggers, true));
            }
        }
        Instant now = Instant.now();
        for (AccountConfig account : config.accounts()) {
            JobKey key = JobKey.jobKey(account.name(), CanaryScheduler.GROUP);
            TriggerKey triggerKey = TriggerKey.triggerKey(account.name(), CanaryScheduler.GROUP);
            Trigger previous = scheduler.getTrigger(triggerKey);
            if (!scheduler.checkExists(key)) {
                try {
                    scheduler.scheduleJob(CanaryScheduler.job(account), CanaryScheduler.trigger(account, config.schedule(), now));
                    undo.push(() -> scheduler.deleteJob(key));
                } catch (ObjectAlreadyExistsException raced) {
                    LOG.debug("account {}: another replica scheduled it at the same moment", account.name());
                }
            } else if (retime || previous instanceof SimpleTrigger simple
                    && simple.getRepeatInterval() != config.schedule().interval().toMillis()) {
                scheduler.rescheduleJob(triggerKey, CanaryScheduler.trigger(account, config.schedule(), now));
                if (previous != null) {
                    undo.push(() -> scheduler.rescheduleJob(triggerKey, previous));
                }
            }
        }
    }

    /** Takes back every step made so far, newest first; a step that cannot be taken back is logged. */
    void rollBack() {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (SchedulerException | RuntimeException e) {
                LOG.error("could not take back a step of the refused schedule change: {}", e.toString());
            }
        }
    }
}
