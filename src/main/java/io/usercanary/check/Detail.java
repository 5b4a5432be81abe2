package io.usercanary.check;

/** Details are for people, and a backend must not be able to grow them: each is clipped to {@link #MAX_CHARS}. */
public final class Detail {
    public static final int MAX_CHARS = 300;

    private Detail() {}

    /** {@code text} cut to {@link #MAX_CHARS}, with {@code …} where it was cut; null stays null. */
    public static String clip(String text) {
        return clip(text, MAX_CHARS);
    }

    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
