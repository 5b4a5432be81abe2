package io.usercanary.web;

import io.usercanary.config.Durations;
import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.StepResult;
import io.usercanary.store.AccountHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One account's row on the status page: the full name, latest outcome and for how long it has failed, every
 * failed assertion, last success, step latencies and the outcome strip.
 */
final class AccountRow {
    /** A line longer than this is cut on the page, and whole in its tooltip. */
    static final int LINE_CHARS = 300;

    private AccountRow() {}

    static void render(StringBuilder out, CohortGroup.Row row, StatusPage.View view) {
        Instant now = view.now();
        AccountHistory h = row.history();
        Optional<RunResult> latest = h.latest();
        Optional<RunResult> lastFailure = h.lastFailure()
                .filter(f -> latest.map(l -> l.id() != f.id()).orElse(true));
        Optional<Instant> failingSince = h.failingSince().filter(since -> row.failing());
        out.append("<tr class=\"account\" data-account=\"").append(Html.escape(row.account().name()))
                .append("\" data-cohort=\"").append(Html.escape(row.cohort()))
                .append("\" data-outcome=\"").append(Html.escape(row.outcomeLabel())).append('"');
        latest.ifPresent(r -> out.append(" data-run=\"").append(r.id()).append('"'));
        h.lastFailure().ifPresent(r -> out.append(" data-last-failure=\"").append(r.id()).append('"'));
        failingSince.ifPresent(t -> out.append(" data-failing-since=\"").append(Html.utc(t)).append('"'));
        boolean stale = latest.map(view::stale).orElse(false);
        if (stale) {
            out.append(" data-stale=\"true\"");
        }
        out.append(">\n<td class=\"account\">");
        if (latest.isPresent()) {
            out.append("<a href=\"").append(Html.runHref(latest.get().id())).append("\" title=\"trace of the latest run\">")
                    .append(Html.escape(row.account().name())).append("</a>");
        } else {
            out.append(Html.escape(row.account().name()));
        }
        out.append("</td>\n<td class=\"age\">").append(Html.escape(HumanTime.age(h.ageSeconds()))).append("</td>\n")
                .append("<td class=\"outcome\">")
                .append(latest.map(r -> Html.badge(r.outcome())).orElse(Html.pendingBadge()));
        latest.ifPresent(r -> out.append("<time class=\"when").append(stale ? " stale" : "").append("\" datetime=\"").append(Html.utc(r.startedAt())).append("\" title=\"")
                .append(Html.utc(r.startedAt())).append("\">").append(HumanTime.ago(Optional.of(r.startedAt()), now))
                .append("</time>"));
        failingSince.ifPresent(t -> out.append(since(t, now)));
        out.append("</td>\n<td class=\"detail\">");
        latest.ifPresent(r -> detail(out, r));
        lastFailure.ifPresent(f -> out.append("<a class=\"last-failure\" href=\"").append(Html.runHref(f.id()))
                .append("\" title=\"").append(Html.escape(Html.clip(f.detail(), LINE_CHARS))).append("\">last failure ")
                .append(HumanTime.ago(Optional.of(f.startedAt()), now)).append(": ")
                .append(Html.escape(f.outcome().label())).append("</a>"));
        out.append("</td>\n<td class=\"last-success\"");
        h.lastSuccessAt().ifPresent(t -> out.append(" title=\"").append(Html.utc(t)).append('"'));
        out.append('>').append(HumanTime.ago(h.lastSuccessAt(), now)).append("</td>\n");
        for (StatusPage.StepColumn column : view.columns()) {
            latency(out, column, latest.flatMap(column::in));
        }
        out.append("\n<td class=\"strip\">")
                .append(OutcomeStrip.render(h.recent(), StatusPage.STRIP, id -> view.history().run(id).isPresent()))
                .append("</td>\n</tr>\n");
    }

    /** "failing for 3 min", with the time it began; shared with the cohort headings. */
    static String since(Instant failingSince, Instant now) {
        return "<time class=\"since\" datetime=\"" + Html.utc(failingSince) + "\" title=\"failing since "
                + Html.utc(failingSince) + "\">failing for " + Durations.spoken(Duration.between(failingSince, now))
                + "</time>";
    }

    /** Every failed assertion on its own line, wrapped, none dropped; a passing run's detail (slow) as one line. */
    private static void detail(StringBuilder out, RunResult run) {
        List<String> lines = run.passed() ? (run.detail().isEmpty() ? List.of() : List.of(run.detail())) : FailureLines.of(run);
        if (lines.isEmpty()) {
            return;
        }
        out.append(run.passed() ? "<ul class=\"notes\">" : "<ul class=\"failures\">");
        for (String line : lines) {
            out.append("<li");
            if (line.length() > LINE_CHARS) {
                out.append(" title=\"").append(Html.escape(Html.clip(line, 4 * LINE_CHARS))).append('"');
            }
            out.append('>').append(Html.escape(Html.clip(line, LINE_CHARS))).append("</li>");
        }
        out.append("</ul>");
    }

    /** Amber when the step was slow; a failed step's latency stays neutral, since red on a number reads as "slow". */
    private static void latency(StringBuilder out, StatusPage.StepColumn column, Optional<StepResult> step) {
        if (step.isEmpty() || step.get().skipped()) {
            out.append("<td class=\"num none\" data-step=\"").append(Html.escape(column.label())).append("\"")
                    .append(step.isPresent() ? " title=\"" + Html.escape(step.get().detail()) + "\"" : "").append(">–</td>");
            return;
        }
        StepResult s = step.get();
        out.append("<td class=\"num").append(s.outcome() == Outcome.SLOW ? " slow" : "").append("\" data-step=\"")
                .append(Html.escape(column.label())).append("\" title=\"").append(Html.escape(s.outcome().label()))
                .append("\">").append(Durations.millis(s.duration())).append("<small> ms</small></td>");
    }
}
