package io.usercanary.web;

import io.usercanary.probe.Outcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Escaping and the small pieces both pages share: badges and UTC timestamps. */
final class Html {
    private Html() {}

    /** Escapes text for an element or a quoted attribute; null becomes "". */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The colour class of an outcome: {@code ok} green, {@code slow} amber, every failure {@code fail} red. */
    static String colour(Outcome outcome) {
        if (outcome == Outcome.OK) {
            return "ok";
        }
        return outcome == Outcome.SLOW ? "slow" : "fail";
    }

    static String badge(Outcome outcome) {
        return "<span class=\"badge " + colour(outcome) + "\">" + escape(outcome.label()) + "</span>";
    }

    static String pendingBadge() {
        return "<span class=\"badge pending\">pending</span>";
    }

    /** {@code 2025-06-01T12:00:00Z}: whole seconds, UTC. */
    static String utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    static String runHref(long id) {
        return "/runs/" + id;
    }
}
