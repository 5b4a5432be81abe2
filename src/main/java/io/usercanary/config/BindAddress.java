package io.usercanary.config;

import java.util.regex.Pattern;

/** The syntax of an address to listen on: an IPv4 or IPv6 literal, or a host name. Never looked up at load time. */
final class BindAddress {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private BindAddress() {}

    static String check(String key, String bind) {
        if (!isAddress(bind)) {
            throw new InvalidConfigException(key, Checks.quoted(bind)
                    + " is not an IP address or host name (like 0.0.0.0, 127.0.0.1, :: or localhost)");
        }
        return bind;
    }

    static boolean isAddress(String text) {
        if (text.isEmpty() || text.length() > 253) {
            return false;
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            return isIpv6(text.substring(1, text.length() - 1));
        }
        if (text.indexOf(':') >= 0) {
            return isIpv6(text);
        }
        if (text.matches("[0-9.]+")) {
            return isIpv4(text);
        }
        String[] labels = (text.endsWith(".") ? text.substring(0, text.length() - 1) : text).split("\\.", -1);
        for (String label : labels) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !labels[labels.length - 1].matches("\\d+");
    }

    private static boolean isIpv4(String text) {
        var m = IPV4.matcher(text);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 text: up to eight groups of 1–4 hex digits, at most one {@code ::}, optionally ending in IPv4. */
    private static boolean isIpv6(String text) {
        if (!IPV6_CHARS.matcher(text).matches() || text.indexOf("::") != text.lastIndexOf("::") || text.contains(":::")) {
            return false;
        }
        boolean compressed = text.contains("::");
        String body = text;
        int groupsAllowed = 8;
        int lastColon = body.lastIndexOf(':');
        String tail = body.substring(lastColon + 1);
        if (tail.contains(".")) {
            if (!isIpv4(tail)) {
                return false;
            }
            body = body.substring(0, lastColon + 1) + "0";
            groupsAllowed = 7;
        }
        if (body.contains(".")) {
            return false;
        }
        String[] halves = compressed ? body.split("::", -1) : new String[] {body};
        int groups = 0;
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String group : half.split(":", -1)) {
                if (group.isEmpty() || group.length() > 4) {
                    return false;
                }
                groups++;
            }
        }
        return compressed ? groups < groupsAllowed : groups == groupsAllowed;
    }
}
