package io.usercanary.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerConfigException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

class LifoThreadPoolTest {
    private LifoThreadPool pool;

    @AfterEach
    void shutDown() {
        if (pool != null) {
            pool.shutdown(true);
        }
    }

    private LifoThreadPool pool(int threads) throws SchedulerConfigException {
        pool = new LifoThreadPool();
        pool.setThreadCount(threads);
        pool.setThreadNamePrefix("test-flow");
        pool.initialize();
        return pool;
    }

    /** Runs {@code job} on the pool and waits for it; the name of the thread that ran it. */
    private static String runAndWait(LifoThreadPool pool) throws InterruptedException {
        AtomicReference<String> ranOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        assertTrue(pool.runInThread(() -> {
            ranOn.set(Thread.currentThread().getName());
            done.countDown();
        }));
        assertTrue(done.await(5, TimeUnit.SECONDS));
        return ranOn.get();
    }

    @Test
    void oneJobAtATimeRunsOnTheMostRecentlyIdleThreadNotRoundRobin() throws Exception {
        LifoThreadPool pool = pool(8);
        String first = runAndWait(pool);
        for (int i = 0; i < 20; i++) {
            awaitIdle(pool, 8);
            assertEquals(first, runAndWait(pool), "job " + i);
        }
    }

    @Test
    void concurrentJobsGetEveryThreadAndTheSchedulerWaitsForAFreeOne() throws Exception {
        LifoThreadPool pool = pool(3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 3; i++) {
            pool.runInThread(() -> {
                threads.add(Thread.currentThread().getName());
                started.countDown();
                await(release);
            });
        }
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertEquals(Set.of("test-flow-1", "test-flow-2", "test-flow-3"), threads);
        AtomicReference<Integer> available = new AtomicReference<>();
        Thread scheduler = new Thread(() -> available.set(pool.blockForAvailableThreads()));
        scheduler.start();
        scheduler.join(300);
        assertTrue(scheduler.isAlive(), "no thread is free: the scheduler waits");
        release.countDown();
        scheduler.join(5000);
        assertTrue(available.get() >= 1);
    }

    @Test
    void aJobThatThrowsLeavesItsThreadInThePool() throws Exception {
        LifoThreadPool pool = pool(1);
        pool.runInThread(() -> {
            throw new IllegalStateException("boom");
        });
        assertEquals("test-flow-1", runAndWait(pool));
    }

    @Test
    void shutdownWaitsForTheRunningJobWhenAskedAndEndsEveryThread() throws Exception {
        LifoThreadPool pool = pool(2);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Boolean> finished = new AtomicReference<>(false);
        pool.runInThread(() -> {
            started.countDown();
            sleep(300);
            finished.set(true);
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        pool.shutdown(true);
        assertTrue(finished.get(), "shutdown(true) returned before the job ended");
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("test-flow-")),
                "a worker is still alive");
        assertEquals(0, pool.blockForAvailableThreads(), "a shut pool has no thread to offer");
    }

    @Test
    void aPoolWithoutThreadsIsRefused() {
        LifoThreadPool empty = new LifoThreadPool();
        empty.setThreadCount(0);
        assertThrows(SchedulerConfigException.class, empty::initialize);
    }

    @Test
    void quartzBuildsItFromTheDaemonsPropertiesAndRunsJobsOnIt() throws Exception {
        var properties = QuartzProperties.named(QuartzProperties.of(DaemonConfigs.offline(List.of("a", "b"), "{ interval: 60s }")),
                "lifo-pool-test");
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        try {
            assertEquals(LifoThreadPool.class, scheduler.getMetaData().getThreadPoolClass());
            assertEquals(2, scheduler.getMetaData().getThreadPoolSize());
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<String> thread = new AtomicReference<>();
            scheduler.setJobFactory((bundle, s) -> context -> {
                thread.set(Thread.currentThread().getName());
                ran.countDown();
            });
            scheduler.start();
            scheduler.scheduleJob(JobBuilder.newJob(CanaryJob.class).withIdentity("a").build(), TriggerBuilder.newTrigger().startNow().build());
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertTrue(thread.get().startsWith("usercanary-flow-"), thread.get());
        } finally {
            scheduler.shutdown(true);
        }
    }

    private static void awaitIdle(LifoThreadPool pool, int threads) throws InterruptedException {
        for (int i = 0; i < 500 && pool.blockForAvailableThreads() < threads; i++) {
            Thread.sleep(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
