package io.usercanary.report;

/**
 * Text made safe for XML 1.0, which cannot carry most control characters even escaped: a backend's body may hold
 * them, and {@code XMLStreamWriter} escapes markup but passes them through, making the report unreadable.
 */
final class XmlText {
    private XmlText() {}

    /** {@code text} without the characters XML 1.0 forbids (controls other than tab, newline, return; lone surrogates). */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (allowed(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean allowed(char c) {
        if (Character.isSurrogate(c)) {
            return false;
        }
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
    }
}
