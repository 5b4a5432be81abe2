package io.usercanary.http;

/** The length in UTF-16 chars of a JSON string literal in UTF-8 bytes, found without decoding it. */
final class JsonStrings {
    private JsonStrings() {}

    /** {@code quote} is the offset of the opening {@code "}; an unterminated string counts to the end of the body. */
    static long length(byte[] body, int quote) {
        long chars = 0;
        int i = quote + 1;
        while (i < body.length) {
            int b = body[i] & 0xff;
            if (b == '"') {
                return chars;
            }
            if (b == '\\') {
                i += i + 1 < body.length && body[i + 1] == 'u' ? 6 : 2;
                chars++;
                continue;
            }
            if ((b & 0xc0) != 0x80) {
                chars += b >= 0xf0 ? 2 : 1; // a four-byte sequence is a surrogate pair in Java
            }
            i++;
        }
        return chars;
    }
}
