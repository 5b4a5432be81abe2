package io.usercanary.schedule;

import java.util.Date;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerListener;

/**
 * Tells {@link Punctuality} of the fires Quartz drops silently: a trigger that could not fire within the misfire
 * threshold (every flow thread busy, or the account's previous run still going) skips to its next fire time.
 * Called under the job store's lock, so it only counts; the rate-limited log line is cheap.
 */
final class MisfireCount implements TriggerListener {
    private final Punctuality punctuality;
    private final long thresholdMillis;

    MisfireCount(Punctuality punctuality, long thresholdMillis) {
        this.punctuality = punctuality;
        this.thresholdMillis = thresholdMillis;
    }

    @Override
    public String getName() {
        return "usercanary-misfires";
    }

    /** {@code trigger} still has the fire time it missed: every fire from it up to now is skipped. */
    @Override
    public void triggerMisfired(Trigger trigger) {
        Date missed = trigger.getNextFireTime();
        long now = System.currentTimeMillis();
        long fires = 1;
        if (missed != null && trigger instanceof SimpleTrigger simple && simple.getRepeatInterval() > 0
                && simple.getRepeatCount() != 0) {
            fires += Math.max(0, now - missed.getTime()) / simple.getRepeatInterval();
        }
        boolean confirmation = Confirmation.GROUP.equals(trigger.getKey().getGroup());
        punctuality.skipped(trigger.getJobKey().getName(), fires, (confirmation ? "its confirmation run" : "its fire")
                + " could not start within " + thresholdMillis + " ms (every flow thread busy, or its previous run still "
                + "going; see schedule.threads)");
    }

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {}

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context, CompletedExecutionInstruction instruction) {}
}
