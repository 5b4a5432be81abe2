package io.usercanary.web;

import io.usercanary.config.Durations;
import io.usercanary.probe.HttpTrace;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.StepResult;
import java.util.List;
import java.util.Optional;

/**
 * The top of a run's trace: the step to look at first (the first failed one, else the first slow one), its
 * assertion results and the start of its response, so the answer is above the fold, before the passing steps.
 */
final class RunSummary {
    /** How much of the response the summary shows; the step below has the first 2 KB. */
    static final int EXCERPT_CHARS = 600;

    private RunSummary() {}

    static void render(StringBuilder out, RunResult run) {
        Optional<Integer> lead = leadingStep(run);
        if (lead.isEmpty()) {
            out.append("<section class=\"failure ").append(Html.colour(run.outcome())).append("\" data-outcome=\"")
                    .append(Html.escape(run.outcome().label())).append("\">\n<h2>");
            if (run.passed()) {
                out.append("every step passed in ").append(Durations.millis(run.duration())).append(" ms");
            } else {
                out.append(Html.badge(run.outcome())).append(" before any step");
            }
            out.append("</h2>\n");
            if (!run.detail().isEmpty()) {
                out.append("<div class=\"step-detail\">").append(Html.escape(run.detail())).append("</div>\n");
            }
            out.append("</section>\n");
            return;
        }
        int index = lead.get();
        StepResult step = run.steps().get(index);
        out.append("<section class=\"failure ").append(Html.colour(step.outcome())).append("\" data-step=\"")
                .append(step.step().label()).append("\" data-check=\"").append(Html.escape(step.check()))
                .append("\" data-outcome=\"").append(Html.escape(step.outcome().label())).append("\">\n<h2>")
                .append(step.outcome().passed() ? "slow at " : "failed at ");
        RunPage.heading(out, step);
        out.append(" <a href=\"#step-").append(index).append("\">→ the whole step</a></h2>\n");
        List<String> lines = step.outcome().passed() ? List.of(step.detail()) : FailureLines.of(step);
        out.append("<ul class=\"").append(step.outcome().passed() ? "notes" : "failures").append(" step-detail\">");
        lines.forEach(line -> out.append("<li>").append(Html.escape(line)).append("</li>"));
        out.append("</ul>\n");
        if (!step.assertions().isEmpty()) {
            RunPage.assertions(out, step);
        }
        alsoFailed(out, run, index);
        lastBody(step).ifPresent(call -> out.append("<h3>start of the response to ").append(Html.escape(call.method()))
                .append(" <code>").append(Html.escape(RunPage.pathOnly(call.path()))).append("</code></h3>\n<pre class=\"excerpt\">")
                .append(Html.escape(Html.clip(call.bodyExcerpt(), EXCERPT_CHARS))).append("</pre>\n"));
        out.append("</section>\n");
    }

    /** Links to the other failed steps, so a second failing check is not missed below the fold. */
    private static void alsoFailed(StringBuilder out, RunResult run, int lead) {
        StringBuilder links = new StringBuilder();
        for (int i = lead + 1; i < run.steps().size(); i++) {
            StepResult other = run.steps().get(i);
            if (!other.outcome().passed()) {
                links.append(links.length() == 0 ? "" : ", ").append("<a href=\"#step-").append(i).append("\">")
                        .append(Html.escape(FailureLines.where(other))).append("</a> ").append(Html.escape(other.outcome().label()));
            }
        }
        if (links.length() > 0) {
            out.append("<p class=\"also-failed\">also failed: ").append(links).append("</p>\n");
        }
    }

    /** The first failed step, else the first slow one. */
    private static Optional<Integer> leadingStep(RunResult run) {
        int failed = RunPage.firstFailed(run);
        if (failed >= 0) {
            return Optional.of(failed);
        }
        for (int i = 0; i < run.steps().size(); i++) {
            if (run.steps().get(i).outcome() == Outcome.SLOW) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static Optional<HttpTrace> lastBody(StepResult step) {
        for (int i = step.calls().size() - 1; i >= 0; i--) {
            HttpTrace call = step.calls().get(i);
            if (call.bodyExcerpt() != null && !call.bodyExcerpt().isEmpty()) {
                return Optional.of(call);
            }
        }
        return Optional.empty();
    }
}
