package io.usercanary.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-off extra run of an account {@code schedule.confirmAfter} after its first failure. A real incident
 * then counts two failed runs within seconds, which the alerts need, instead of one interval later; a single
 * transient error is followed by a passing run and pages nobody.
 */
final class Confirmation {
    static final String GROUP = CanaryScheduler.GROUP + "-confirm";
    private static final Logger LOG = LoggerFactory.getLogger(Confirmation.class);

    private Confirmation() {}

    /** Nothing when confirmations are off, or when the regular run comes about as soon anyway. */
    static void schedule(JobExecutionContext context, String account, Duration after) {
        if (after.isZero()) {
            return;
        }
        Instant at = Instant.now().plus(after);
        Date nextRegular = context.getNextFireTime();
        if (nextRegular != null && !nextRegular.toInstant().isAfter(at.plus(after))) {
            return;
        }
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(account + "@" + at.toEpochMilli(), GROUP)
                .forJob(JobKey.jobKey(account, CanaryScheduler.GROUP))
                .startAt(Date.from(at))
                // One shot: if it cannot fire on time (a stalled flow), it is dropped, not run late.
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        try {
            context.getScheduler().scheduleJob(trigger);
            LOG.debug("account {} failed: running it again at {} to confirm", account, at);
        } catch (SchedulerException e) {
            LOG.warn("account {}: could not schedule the confirmation run: {}", account, e.getMessage());
        }
    }

    /** When the account's confirmation runs still to come fire, soonest first. */
    static List<Instant> pending(Scheduler scheduler, String account) throws SchedulerException {
        List<Instant> at = new ArrayList<>();
        for (Trigger trigger : scheduler.getTriggersOfJob(JobKey.jobKey(account, CanaryScheduler.GROUP))) {
            if (GROUP.equals(trigger.getKey().getGroup()) && trigger.getNextFireTime() != null) {
                at.add(trigger.getNextFireTime().toInstant());
            }
        }
        at.sort(null);
        return at;
    }

    /** Gives {@code to} the account's confirmation runs still pending on {@code from}: a scheduler hand-over keeps them. */
    static void copy(Scheduler from, Scheduler to, String account) throws SchedulerException {
        for (Trigger trigger : from.getTriggersOfJob(JobKey.jobKey(account, CanaryScheduler.GROUP))) {
            if (GROUP.equals(trigger.getKey().getGroup()) && trigger.getNextFireTime() != null) {
                to.scheduleJob(trigger.getTriggerBuilder().startAt(trigger.getNextFireTime()).build());
            }
        }
    }
}
