package io.usercanary.app;

import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.quartz.simpl.RAMJobStore;
import org.quartz.spi.OperableTrigger;

/**
 * Quartz's in-memory job store, except that it refuses to store the job of any account whose name starts
 * with {@link #REFUSED}: a job store failing half-way through a reload, as a database can.
 */
public final class RefusingJobStore extends RAMJobStore {
    public static final String REFUSED = "refused";

    @Override
    public void storeJobAndTrigger(JobDetail job, OperableTrigger trigger) throws JobPersistenceException {
        if (job.getKey().getName().startsWith(REFUSED)) {
            throw new JobPersistenceException("the job store refused " + job.getKey());
        }
        super.storeJobAndTrigger(job, trigger);
    }
}
