package io.usercanary.web;

import io.usercanary.probe.RunResult;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * An account's last outcomes as a small inline SVG: one coloured bar per run, newest on the right, each with a
 * {@code <title>} tooltip (time, outcome, detail) and a link to its trace while the history still holds it.
 */
final class OutcomeStrip {
    static final int BAR = 4;
    static final int GAP = 2;
    static final int HEIGHT = 18;
    static final String OK = "#2e9e4f";
    static final String SLOW = "#e0a100";
    static final String FAIL = "#d93025";
    static final String EMPTY_SLOT = "#e4e6ea";

    private OutcomeStrip() {}

    /**
     * @param runs oldest first, at most {@code slots}
     * @param linkable whether {@code /runs/{id}} would find the run
     */
    static String render(List<RunResult> all, int slots, LongPredicate linkable) {
        List<RunResult> runs = all.size() > slots ? all.subList(all.size() - slots, all.size()) : all;
        int width = slots * (BAR + GAP) - GAP;
        StringBuilder svg = new StringBuilder()
                .append("<svg class=\"strip\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(width).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"last ").append(runs.size()).append(" outcomes\">");
        int first = slots - runs.size();
        for (int slot = 0; slot < first; slot++) {
            svg.append("<rect x=\"").append(x(slot)).append("\" y=\"0\" width=\"").append(BAR).append("\" height=\"")
                    .append(HEIGHT).append("\" rx=\"1\" fill=\"").append(EMPTY_SLOT).append("\"/>");
        }
        for (int i = 0; i < runs.size(); i++) {
            RunResult run = runs.get(i);
            boolean link = linkable.test(run.id());
            if (link) {
                svg.append("<a href=\"").append(Html.runHref(run.id())).append("\">");
            }
            svg.append("<rect class=\"run ").append(Html.colour(run.outcome())).append("\" data-run=\"").append(run.id())
                    .append("\" data-outcome=\"").append(Html.escape(run.outcome().label()))
                    .append("\" x=\"").append(x(first + i)).append("\" y=\"0\" width=\"").append(BAR).append("\" height=\"")
                    .append(HEIGHT).append("\" rx=\"1\" fill=\"").append(fill(run)).append("\"><title>")
                    .append(Html.escape(tooltip(run))).append("</title></rect>");
            if (link) {
                svg.append("</a>");
            }
        }
        return svg.append("</svg>").toString();
    }

    static String tooltip(RunResult run) {
        String text = Html.utc(run.startedAt()) + " " + run.outcome().label();
        return run.detail().isEmpty() ? text : text + ": " + Html.clip(run.detail(), 120);
    }

    private static int x(int slot) {
        return slot * (BAR + GAP);
    }

    private static String fill(RunResult run) {
        return switch (Html.colour(run.outcome())) {
            case "ok" -> OK;
            case "slow" -> SLOW;
            default -> FAIL;
        };
    }
}
