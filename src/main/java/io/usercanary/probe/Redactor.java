package io.usercanary.probe;

import io.usercanary.check.Detail;
import io.usercanary.config.Secret;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Replaces secrets in text that leaves a flow (details, traces, log lines): every value it was told about,
 * anything shaped like a JWT or its first segment, and JSON string values whose key names a token, password,
 * key, session or cookie. Linear in the input whatever it holds: hand-written scans, no regular expression.
 * Thread-safe: {@link #add} builds a new snapshot, {@link #redact} reads the current one.
 */
public final class Redactor {
    /** A secret shorter than this would also match inside ordinary words: it is replaced only as a whole word. */
    private static final int WHOLE_WORD_BELOW = 8;
    /** At a cut, a trailing piece of a secret at least this long is replaced too. */
    private static final int PARTIAL_AT_CUT = 4;
    /** Redacting more input than the excerpt shows lets redacted pieces shrink without the excerpt coming up short. */
    private static final int WINDOW_FACTOR = 8;

    private volatile Needle[] needles = new Needle[0];

    public Redactor add(Secret secret) {
        return secret == null || secret.isEmpty() ? this : add(secret.reveal());
    }

    public synchronized Redactor add(String secret) {
        if (secret == null || secret.isEmpty()) {
            return this;
        }
        for (Needle n : needles) {
            if (n.text.equals(secret)) {
                return this;
            }
        }
        Needle[] next = Arrays.copyOf(needles, needles.length + 1);
        next[needles.length] = new Needle(secret);
        Arrays.sort(next, Comparator.comparingInt((Needle n) -> n.text.length()).reversed());
        needles = next;
        return this;
    }

    public String redact(String text) {
        return redact(text, false);
    }

    /** The first {@code maxChars} of {@code text} once redacted, with {@code …} when it was cut; linear in {@code maxChars}. */
    public String excerpt(String text, int maxChars) {
        return excerpt(text, maxChars, false);
    }

    /** The same for {@code text} that is itself the start of something longer ({@code truncated}): its end may cut a secret. */
    public String excerpt(String text, int maxChars, boolean truncated) {
        if (text == null) {
            return null;
        }
        int window = (int) Math.min(text.length(), (long) maxChars * WINDOW_FACTOR + longestSecret());
        boolean cut = truncated || window < text.length();
        String redacted = redact(window < text.length() ? cutAt(text, window) : text, cut);
        String clipped = Detail.clip(redacted, maxChars);
        return cut && clipped.length() == redacted.length() ? clipped + "…" : clipped;
    }

    /** A detail: redacted, then clipped to {@link Detail#MAX_CHARS}. */
    public String detail(String text) {
        return excerpt(text, Detail.MAX_CHARS);
    }

    private String redact(String text, boolean cut) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        char[] chars = null; // out's characters, read once for all needles until one replaces something
        for (Needle needle : needles) {
            if (chars == null) {
                chars = out.toCharArray();
            }
            String replaced = needle.replaceIn(out, chars, cut);
            if (replaced != out) {
                out = replaced;
                chars = null;
            }
        }
        out = SecretShapes.jwts(out);
        return SecretShapes.jsonValues(out);
    }

    private int longestSecret() {
        Needle[] current = needles;
        return current.length == 0 ? 0 : current[0].text.length();
    }

    private static String cutAt(String text, int at) {
        return Character.isHighSurrogate(text.charAt(at - 1)) ? text.substring(0, at - 1) : text.substring(0, at);
    }

    /** One secret with its Knuth-Morris-Pratt failure table, built once when the secret is added. */
    private static final class Needle {
        final String text;
        final char[] chars;
        final int[] fail;
        final boolean wholeWord;

        Needle(String text) {
            this.text = text;
            this.chars = text.toCharArray();
            this.wholeWord = text.length() < WHOLE_WORD_BELOW;
            this.fail = new int[text.length()];
            for (int i = 1, k = 0; i < text.length(); i++) {
                while (k > 0 && text.charAt(i) != text.charAt(k)) {
                    k = fail[k - 1];
                }
                if (text.charAt(i) == text.charAt(k)) {
                    k++;
                }
                fail[i] = k;
            }
        }

        /**
         * Every non-overlapping occurrence replaced, left to right; at a cut also a trailing start of the secret.
         * {@code chars} are {@code in}'s characters (an array: no bounds and coder checks per character); returns
         * {@code in} itself when nothing was replaced.
         */
        String replaceIn(String in, char[] chars, boolean cut) {
            StringBuilder out = null;
            int copied = 0;
            int q = 0;
            char[] secret = this.chars;
            int m = secret.length;
            for (int i = 0; i < chars.length; i++) {
                char c = chars[i];
                while (q > 0 && c != secret[q]) {
                    q = fail[q - 1];
                }
                if (c == secret[q]) {
                    q++;
                }
                if (q == m) {
                    int start = i - m + 1;
                    if (!wholeWord || SecretShapes.wordBoundary(in, start, i + 1)) {
                        out = (out == null ? new StringBuilder() : out).append(in, copied, start).append(Secret.REDACTED);
                        copied = i + 1;
                        q = 0;
                    } else {
                        q = fail[q - 1];
                    }
                }
            }
            if (cut && q >= Math.min(PARTIAL_AT_CUT, m) && in.length() - q >= copied) {
                out = (out == null ? new StringBuilder() : out).append(in, copied, in.length() - q).append(Secret.REDACTED);
                copied = in.length();
            }
            return out == null ? in : out.append(in, copied, in.length()).toString();
        }
    }
}
