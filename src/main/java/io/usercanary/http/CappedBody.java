package io.usercanary.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** Reads a body whole into memory taken from the budget, refusing one over the cap before or while reading it. */
final class CappedBody {
    private static final int CHUNK = 64 * 1024;

    private final ResponseBody body;
    private final long cap;
    private final BodyMemory.Held held;

    CappedBody(ResponseBody body, long cap, BodyMemory.Held held) {
        this.body = body;
        this.cap = cap;
        this.held = held;
    }

    byte[] read() throws IOException, HttpFailure {
        long announced = body.contentLength();
        if (announced > cap) {
            throw new HttpFailure(HttpFailure.Kind.TOO_LARGE, "response body of " + announced + " bytes is over the "
                    + megabytes() + " MB cap; not read");
        }
        return announced >= 0 ? readKnown((int) announced) : readChunked();
    }

    private byte[] readKnown(int length) throws IOException, HttpFailure {
        held.take(length);
        byte[] bytes = new byte[length];
        body.source().readFully(bytes);
        return bytes;
    }

    /** Pieces first, then one array: both count against the budget until the reader is done. */
    private byte[] readChunked() throws IOException, HttpFailure {
        BufferedSource source = body.source();
        List<byte[]> chunks = new ArrayList<>();
        long total = 0;
        while (true) {
            byte[] chunk = new byte[CHUNK]; // one chunk per call is not counted: the budget counts what is kept
            int filled = 0;
            int n = 0;
            while (filled < CHUNK && (n = source.read(chunk, filled, CHUNK - filled)) != -1) {
                filled += n;
            }
            held.take(filled);
            total += filled;
            if (total > cap) {
                throw new HttpFailure(HttpFailure.Kind.TOO_LARGE, "response body is over the " + megabytes() + " MB cap; not read whole");
            }
            chunks.add(filled == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, filled));
            if (n == -1) {
                break;
            }
        }
        held.take(total);
        byte[] whole = new byte[(int) total];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, whole, at, chunk.length);
            at += chunk.length;
        }
        return whole;
    }

    private long megabytes() {
        return cap / (1024 * 1024);
    }
}
