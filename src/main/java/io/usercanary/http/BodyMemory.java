package io.usercanary.http;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The memory budget every response body in flight shares, in KiB: a body waits (within its flow's deadline)
 * rather than grow the heap past it. Thread-safe; each {@link Held} belongs to one call.
 */
final class BodyMemory {
    private final Semaphore kib;
    private final long totalBytes;

    BodyMemory(long bytes) {
        this.totalBytes = bytes;
        this.kib = new Semaphore((int) Math.min(Integer.MAX_VALUE, bytes / 1024));
    }

    Held hold(Deadline deadline) {
        return new Held(deadline);
    }

    /** What one call holds; released once, after its reader is done. */
    final class Held {
        private final Deadline deadline;
        private int heldKib;

        private Held(Deadline deadline) {
            this.deadline = deadline;
        }

        /** Takes {@code bytes} more, waiting at most what is left of the deadline. */
        void take(long bytes) throws HttpFailure {
            int want = (int) ((bytes + 1023) / 1024);
            try {
                if (!kib.tryAcquire(want, deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new HttpFailure(HttpFailure.Kind.TIMEOUT, "timed out waiting for memory to read the body: other bodies "
                            + "in flight hold the " + totalBytes / (1024 * 1024) + " MB budget");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpFailure(HttpFailure.Kind.TIMEOUT, "interrupted waiting for memory to read the body");
            }
            heldKib += want;
        }

        void release() {
            kib.release(heldKib);
            heldKib = 0;
        }
    }
}
