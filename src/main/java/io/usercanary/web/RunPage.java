package io.usercanary.web;

import io.usercanary.check.AssertionResult;
import io.usercanary.check.PayloadMeasurement;
import io.usercanary.config.Durations;
import io.usercanary.probe.HttpTrace;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.StepResult;

/**
 * One run's trace at {@code /runs/{id}}: the run's header, a summary of what failed (see {@link RunSummary}), then
 * each step with its HTTP calls, assertions and the first 2 KB of each response body. Shows only what the run
 * holds, which the probe redacted; nothing from config.
 *
 * <p>Hooks: {@code dl.run[data-run][data-account][data-outcome]}, {@code section.failure[data-step][data-check]
 * [data-outcome]}, {@code section.step[data-step][data-check][data-outcome]}, {@code tr.call},
 * {@code tr.assertion[data-passed]}, {@code pre.excerpt}, {@code pre.body}.
 */
public final class RunPage {
    /** Body excerpts are cut here even if a caller handed a longer one. */
    static final int BODY_CHARS = 2048;

    private RunPage() {}

    public static String render(RunResult run) {
        StringBuilder out = new StringBuilder(8 * 1024)
                .append(PageStyle.head("run " + run.id() + " · " + run.account() + " · " + run.outcome().label(), 0))
                .append("<header class=\"page\">\n<div class=\"meta\"><a href=\"/\">← status</a></div>\n")
                .append("<h1>run ").append(run.id()).append(" <span class=\"where\">· ").append(Html.escape(run.account()))
                .append("</span> ").append(Html.badge(run.outcome())).append("</h1>\n");
        out.append("<dl class=\"run\" data-run=\"").append(run.id()).append("\" data-account=\"")
                .append(Html.escape(run.account())).append("\" data-outcome=\"").append(Html.escape(run.outcome().label()))
                .append("\">\n");
        item(out, "account", Html.escape(run.account()));
        item(out, "cohort", Html.escape(run.cohort()));
        item(out, "age", Html.escape(HumanTime.age(run.ageSeconds())));
        item(out, "started", "<time datetime=\"" + Html.utc(run.startedAt()) + "\">" + Html.utc(run.startedAt()) + "</time>");
        item(out, "duration", Durations.millis(run.duration()) + " ms");
        item(out, "outcome", Html.badge(run.outcome()));
        String detail = run.detail().isEmpty() ? "–" : Html.escape(run.detail());
        int failed = firstFailed(run);
        item(out, "detail", failed < 0 ? detail : detail + " <a href=\"#step-" + failed + "\">→ step</a>");
        if (!run.loginPath().isEmpty()) {
            item(out, "login", Html.escape(run.loginPath()));
        }
        run.firebaseError().ifPresent(code -> item(out, "firebase error", "<code>" + Html.escape(code) + "</code>"));
        out.append("</dl>\n</header>\n<main>\n");
        RunSummary.render(out, run);
        for (int i = 0; i < run.steps().size(); i++) {
            step(out, run.steps().get(i), i);
        }
        if (!run.payload().isEmpty()) {
            payload(out, run);
        }
        return out.append("</main>\n").append(PageStyle.foot()).toString();
    }

    private static void item(StringBuilder out, String term, String html) {
        out.append("<dt>").append(term).append("</dt><dd class=\"").append(term.replace(' ', '-')).append("\">")
                .append(html).append("</dd>\n");
    }

    /** The index of the first failed step, or -1. */
    static int firstFailed(RunResult run) {
        for (int i = 0; i < run.steps().size(); i++) {
            if (!run.steps().get(i).outcome().passed()) {
                return i;
            }
        }
        return -1;
    }

    private static void step(StringBuilder out, StepResult step, int index) {
        out.append("<section class=\"step ").append(Html.colour(step.outcome())).append("\" id=\"step-").append(index)
                .append("\" data-step=\"")
                .append(step.step().label()).append("\" data-check=\"").append(Html.escape(step.check()))
                .append("\" data-outcome=\"").append(Html.escape(step.outcome().label())).append("\">\n<h2>");
        heading(out, step);
        out.append("</h2>\n");
        if (!step.detail().isEmpty()) {
            out.append("<div class=\"step-detail\">").append(Html.escape(step.detail())).append("</div>\n");
        }
        if (!step.calls().isEmpty()) {
            out.append("<h3>HTTP calls</h3>\n<table class=\"calls\">\n<thead><tr><th>method</th><th>path</th>")
                    .append("<th class=\"num\">status</th><th class=\"num\">ms</th></tr></thead>\n<tbody>\n");
            for (HttpTrace call : step.calls()) {
                out.append("<tr class=\"call\"><td>").append(Html.escape(call.method())).append("</td><td><code>")
                        .append(Html.escape(pathOnly(call.path()))).append("</code></td><td class=\"num\">")
                        .append(call.status() > 0 ? String.valueOf(call.status()) : "no response")
                        .append("</td><td class=\"num\">").append(Durations.millis(call.duration())).append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }
        if (!step.assertions().isEmpty()) {
            out.append("<h3>assertions</h3>\n");
            assertions(out, step);
        }
        for (HttpTrace call : step.calls()) {
            if (call.bodyExcerpt() != null && !call.bodyExcerpt().isEmpty()) {
                out.append("<h3>response body of ").append(Html.escape(call.method())).append(" <code>")
                        .append(Html.escape(pathOnly(call.path()))).append("</code></h3>\n<pre class=\"body\">")
                        .append(Html.escape(Html.clip(call.bodyExcerpt(), BODY_CHARS))).append("</pre>\n");
            }
        }
        out.append("</section>\n");
    }

    /** "check {@code overview} [empty] 143 ms · HTTP 200": what a step's heading says, here and in the summary. */
    static void heading(StringBuilder out, StepResult step) {
        out.append(step.step().label());
        if (!step.check().isEmpty()) {
            out.append(" <code>").append(Html.escape(step.check())).append("</code>");
        }
        out.append(' ').append(Html.badge(step.outcome())).append(" <span class=\"when\">")
                .append(Durations.millis(step.duration())).append(" ms");
        if (step.status() > 0) {
            out.append(" · HTTP ").append(step.status());
        }
        out.append("</span>");
    }

    /** The step's assertion results, passed and failed, in the order they were evaluated. */
    static void assertions(StringBuilder out, StepResult step) {
        out.append("<table class=\"assertions\">\n<thead><tr><th>assertion</th><th>result</th>")
                .append("<th>detail</th></tr></thead>\n<tbody>\n");
        for (AssertionResult a : step.assertions()) {
            out.append("<tr class=\"assertion\" data-passed=\"").append(a.passed()).append("\"><td><code>")
                    .append(Html.escape(a.assertion())).append("</code></td><td class=\"")
                    .append(a.passed() ? "passed\">passed" : "failed\">failed").append("</td><td>")
                    .append(Html.escape(a.detail())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void payload(StringBuilder out, RunResult run) {
        out.append("<section class=\"step payload\">\n<h2>payload</h2>\n<table class=\"payload\">\n<thead><tr>")
                .append("<th>check</th><th>pointer</th><th class=\"num\">items</th></tr></thead>\n<tbody>\n");
        for (PayloadMeasurement m : run.payload()) {
            out.append("<tr><td>").append(Html.escape(m.check())).append("</td><td><code>").append(Html.escape(m.pointer()))
                    .append("</code></td><td class=\"num\">").append(m.items()).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    /** The trace never shows a query string (it may carry a key); the probe strips it, and so does this. */
    static String pathOnly(String path) {
        if (path == null) {
            return "";
        }
        int cut = path.length();
        for (char c : new char[] {'?', '#'}) {
            int at = path.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return path.substring(0, cut);
    }
}
