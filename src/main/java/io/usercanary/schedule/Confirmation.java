package io.usercanary.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
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
}
