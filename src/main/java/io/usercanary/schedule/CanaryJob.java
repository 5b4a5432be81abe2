package io.usercanary.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of one account. Its job data holds only the account name (a plain value any job store can
 * keep); the runner comes from the scheduler's job factory. Never throws, never runs twice at once.
 */
@DisallowConcurrentExecution
public final class CanaryJob implements Job {
    /** The job-data key of the account name. */
    public static final String ACCOUNT = "account";

    private final ScheduledRuns runner;

    public CanaryJob(ScheduledRuns runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String account = context.getMergedJobDataMap().getString(ACCOUNT);
        runner.run(account, context.getScheduledFireTime().toInstant());
        if (runner.takeConfirmation(account)) {
            Confirmation.schedule(context, account, runner.config().schedule().confirmAfter());
        }
    }
}
