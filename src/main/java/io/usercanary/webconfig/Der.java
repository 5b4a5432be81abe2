package io.usercanary.webconfig;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;

/** Just enough DER to rewrap a SEC1 EC key as PKCS#8: lengths, and the curve OID in {@code [0]}. */
final class Der {
    private Der() {}

    static byte[] encode(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The full {@code OBJECT IDENTIFIER} element (tag, length, value) naming the curve of a SEC1 ECPrivateKey. */
    static byte[] sec1Curve(byte[] der) throws GeneralSecurityException {
        int[] at = {0};
        expect(der, at, 0x30);
        int end = length(der, at) + at[0];
        while (at[0] < end) {
            int tag = der[at[0]++] & 0xff;
            int length = length(der, at);
            if (tag == 0xa0) {
                int start = at[0];
                if (start + length > der.length || (der[start] & 0xff) != 0x06) {
                    break;
                }
                byte[] oid = new byte[length];
                System.arraycopy(der, start, oid, 0, length);
                return oid;
            }
            at[0] += length;
        }
        throw new GeneralSecurityException("the EC PRIVATE KEY does not name its curve");
    }

    private static void expect(byte[] der, int[] at, int tag) throws GeneralSecurityException {
        if (at[0] >= der.length || (der[at[0]++] & 0xff) != tag) {
            throw new GeneralSecurityException("the EC PRIVATE KEY is not DER");
        }
    }

    private static int length(byte[] der, int[] at) throws GeneralSecurityException {
        if (at[0] >= der.length) {
            throw new GeneralSecurityException("the EC PRIVATE KEY is truncated");
        }
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int bytes = first & 0x7f;
        if (bytes > 3 || at[0] + bytes > der.length) {
            throw new GeneralSecurityException("the EC PRIVATE KEY is not DER");
        }
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }
}
