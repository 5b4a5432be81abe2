package io.usercanary.schedule;

import io.usercanary.probe.RedactedThrowable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.quartz.SchedulerConfigException;
import org.quartz.spi.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's worker threads, the most recently idle one first. Quartz's SimpleThreadPool hands each fire to
 * the thread idle longest, so at a few flows a second every flow runs on a thread whose stack, TLAB and
 * caches have gone cold, round-robin through all of them, and each idle worker wakes twice a second to
 * poll. Here the same one or two threads run the flows while the rest sleep until they are needed, and a
 * busy scheduler still has every thread. Quartz builds it by name from {@code org.quartz.threadPool.class}
 * and sets the {@code threadCount}, {@code threadNamePrefix} and {@code makeThreadsDaemons} properties.
 */
public final class LifoThreadPool implements ThreadPool {
    private static final Logger LOG = LoggerFactory.getLogger(LifoThreadPool.class);

    private final Object lock = new Object();
    private final ArrayDeque<Worker> idle = new ArrayDeque<>(); // guarded by lock; the head is the most recent
    private final List<Worker> workers = new ArrayList<>();
    private boolean shutdown; // guarded by lock
    private int threadCount = 1;
    private String threadNamePrefix = "usercanary-flow";
    private boolean makeThreadsDaemons = true;

    public int getThreadCount() {
        return threadCount;
    }

    public void setThreadCount(int threadCount) {
        this.threadCount = threadCount;
    }

    public String getThreadNamePrefix() {
        return threadNamePrefix;
    }

    public void setThreadNamePrefix(String threadNamePrefix) {
        this.threadNamePrefix = threadNamePrefix;
    }

    public boolean isMakeThreadsDaemons() {
        return makeThreadsDaemons;
    }

    public void setMakeThreadsDaemons(boolean makeThreadsDaemons) {
        this.makeThreadsDaemons = makeThreadsDaemons;
    }

    @Override
    public void initialize() throws SchedulerConfigException {
        if (threadCount < 1) {
            throw new SchedulerConfigException("the thread pool needs at least one thread, not " + threadCount);
        }
        synchronized (lock) {
            for (int i = 1; i <= threadCount; i++) {
                Worker worker = new Worker(threadNamePrefix + "-" + i);
                workers.add(worker);
                idle.addLast(worker);
                worker.start();
            }
        }
    }

    /** Hands {@code job} to the most recently idle worker, waiting for one; after shutdown it runs on a thread of its own. */
    @Override
    public boolean runInThread(Runnable job) {
        if (job == null) {
            return false;
        }
        synchronized (lock) {
            awaitIdleWorker();
            if (shutdown) {
                Thread last = new Thread(job, threadNamePrefix + "-last");
                last.setDaemon(makeThreadsDaemons);
                last.start();
                return true;
            }
            idle.removeFirst().hand(job); // under the lock: a shutdown's stop comes after it, and the worker still runs the job
        }
        return true;
    }

    @Override
    public int blockForAvailableThreads() {
        synchronized (lock) {
            awaitIdleWorker();
            return shutdown ? 0 : idle.size();
        }
    }

    /** Until a worker is idle or the pool shuts down; the caller holds the lock. */
    private void awaitIdleWorker() {
        while (idle.isEmpty() && !shutdown) {
            try {
                lock.wait(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void finished(Worker worker) {
        synchronized (lock) {
            if (!shutdown) {
                idle.addFirst(worker);
            }
            lock.notifyAll();
        }
    }

    /** Idle workers end now; busy ones after their job, which {@code waitForJobsToComplete} waits for. */
    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        List<Worker> all;
        synchronized (lock) {
            shutdown = true;
            idle.clear();
            all = List.copyOf(workers);
            lock.notifyAll();
        }
        all.forEach(Worker::end);
        if (!waitForJobsToComplete) {
            return;
        }
        boolean interrupted = false;
        for (Worker worker : all) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getPoolSize() {
        return threadCount;
    }

    @Override
    public void setInstanceId(String schedulerInstanceId) {}

    @Override
    public void setInstanceName(String schedulerName) {}

    /** One thread that parks until it is handed a job, runs it, and goes back to the head of the idle workers. */
    private final class Worker extends Thread {
        private volatile Runnable job;
        private volatile boolean stopped;

        Worker(String name) {
            super(name);
            setDaemon(makeThreadsDaemons);
        }

        void hand(Runnable handed) {
            job = handed;
            LockSupport.unpark(this);
        }

        void end() {
            stopped = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Runnable next = job;
                if (next == null) {
                    // A job handed over before the stop is seen once the stop is: read it again before ending.
                    if (stopped && job == null) {
                        return;
                    }
                    LockSupport.park(this);
                    continue;
                }
                job = null;
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("a scheduled job threw {}", e.getClass().getName(), RedactedThrowable.withoutMessage(e));
                } finally {
                    Thread.interrupted(); // an interrupt meant for this job must not end the next one's park early
                    finished(this);
                }
            }
        }
    }
}
