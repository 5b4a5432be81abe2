package io.usercanary.probe;

import io.usercanary.config.Secret;

/** Linear scans for secrets nobody registered: JWT-shaped runs, and JSON string values under secret-sounding keys. */
final class SecretShapes {
    /** Lower-case pieces of a JSON key that mark its string value as secret. */
    private static final String[] SECRET_KEY_WORDS = {"token", "password", "passwd", "secret", "jwt", "apikey", "api_key",
            "api-key", "cookie", "session", "authorization", "credential", "bearer"};
    /** Only the start of a huge key is looked at. */
    private static final int KEY_CHARS_LOOKED_AT = 256;
    /** {@code eyJ} (base64 of <code>{"</code>) followed by this many base64url characters is a JWT's first segment. */
    private static final int MIN_SEGMENT = 8;

    private SecretShapes() {}

    /** True when a header or cookie called {@code name} sounds like it carries a secret ({@code X-Session-Token}, {@code Authorization}). */
    static boolean secretName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String word : SECRET_KEY_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return lower.contains("auth") || lower.contains("csrf") || lower.contains("xsrf") || lower.endsWith("key");
    }

    /** Runs like {@code eyJhbGciOi...}, with any {@code .segment} after them, become {@link Secret#REDACTED}. */
    static String jwts(String in) {
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (true) {
            int start = in.indexOf("eyJ", from);
            if (start < 0) {
                break;
            }
            int end = run(in, start + 3);
            boolean dotted = end < in.length() && in.charAt(end) == '.' && end - start - 3 >= 4;
            if (end - start - 3 < MIN_SEGMENT && !dotted) {
                from = end; // an "eyJ" inside this run ends at the same place, just as short
                continue;
            }
            while (end < in.length() && in.charAt(end) == '.') {
                end = run(in, end + 1);
            }
            out = (out == null ? new StringBuilder() : out).append(in, copied, start).append(Secret.REDACTED);
            copied = end;
            from = end;
        }
        return out == null ? in : out.append(in, copied, in.length()).toString();
    }

    /**
     * {@code "refreshToken": "..."} becomes {@code "refreshToken": "‹redacted›"}, escapes included; a value that is
     * not closed (a cut excerpt) is redacted to the end.
     */
    static String jsonValues(String in) {
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (true) {
            int keyStart = in.indexOf('"', from);
            if (keyStart < 0) {
                break;
            }
            int keyEnd = stringEnd(in, keyStart);
            if (keyEnd < 0) {
                break;
            }
            from = keyEnd + 1;
            int colon = skipSpace(in, keyEnd + 1);
            if (colon >= in.length() || in.charAt(colon) != ':') {
                continue;
            }
            int valueStart = skipSpace(in, colon + 1);
            if (valueStart >= in.length() || in.charAt(valueStart) != '"' || !secretKey(in, keyStart + 1, keyEnd)) {
                continue;
            }
            int valueEnd = stringEnd(in, valueStart);
            out = (out == null ? new StringBuilder() : out).append(in, copied, valueStart + 1).append(Secret.REDACTED);
            if (valueEnd < 0) {
                copied = in.length();
                break;
            }
            copied = valueEnd;
            from = valueEnd + 1;
        }
        return out == null ? in : out.append(in, copied, in.length()).toString();
    }

    static boolean wordBoundary(String in, int start, int end) {
        return (start == 0 || !wordChar(in.charAt(start - 1))) && (end >= in.length() || !wordChar(in.charAt(end)));
    }

    private static boolean wordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static int run(String in, int from) {
        int i = from;
        while (i < in.length() && base64url(in.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean base64url(char c) {
        return wordChar(c) || c == '-' || c == '_';
    }

    /** The index of the quote closing the string opened at {@code open}, or -1 when it is not closed. */
    private static int stringEnd(String in, int open) {
        for (int i = open + 1; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String in, int from) {
        int i = from;
        while (i < in.length() && (in.charAt(i) == ' ' || in.charAt(i) == '\t' || in.charAt(i) == '\n' || in.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    private static boolean secretKey(String in, int start, int end) {
        int last = Math.min(end, start + KEY_CHARS_LOOKED_AT);
        for (String word : SECRET_KEY_WORDS) {
            for (int i = start; i + word.length() <= last; i++) {
                if (in.regionMatches(true, i, word, 0, word.length())) {
                    return true;
                }
            }
        }
        return false;
    }
}
