package io.usercanary.web;

import io.usercanary.store.AccountHistory;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.StepResult;
import java.time.Instant;
import java.util.Optional;

/** One account's row on the status page: latest outcome and why, last success, step latencies, outcome strip. */
final class AccountRow {
    private AccountRow() {}

    static void render(StringBuilder out, CohortGroup.Row row, StatusPage.View view) {
        Instant now = view.now();
        AccountHistory h = row.history();
        Optional<RunResult> latest = h.latest();
        Optional<RunResult> lastFailure = h.lastFailure()
                .filter(f -> latest.map(l -> l.id() != f.id()).orElse(true));
        out.append("<tr class=\"account\" data-account=\"").append(Html.escape(row.account().name()))
                .append("\" data-cohort=\"").append(Html.escape(row.cohort()))
                .append("\" data-outcome=\"").append(Html.escape(row.outcomeLabel())).append('"');
        latest.ifPresent(r -> out.append(" data-run=\"").append(r.id()).append('"'));
        h.lastFailure().ifPresent(r -> out.append(" data-last-failure=\"").append(r.id()).append('"'));
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
        out.append("</td>\n<td class=\"detail\"");
        String detail = latest.map(RunResult::detail).orElse("");
        if (detail.length() > 160) {
            out.append(" title=\"").append(Html.escape(Html.clip(detail, 1000))).append('"');
        }
        out.append('>').append(Html.escape(Html.clip(detail, 160)));
        lastFailure.ifPresent(f -> out.append("<a class=\"last-failure\" href=\"").append(Html.runHref(f.id()))
                .append("\" title=\"").append(Html.escape(Html.clip(f.detail(), 300))).append("\">last failure ")
                .append(HumanTime.ago(Optional.of(f.startedAt()), now)).append(": ")
                .append(Html.escape(f.outcome().label())).append("</a>"));
        out.append("</td>\n<td class=\"last-success\"");
        h.lastSuccessAt().ifPresent(t -> out.append(" title=\"").append(Html.utc(t)).append('"'));
        out.append('>').append(HumanTime.ago(h.lastSuccessAt(), now)).append("</td>\n");
        for (StatusPage.StepColumn column : view.columns()) {
            Optional<StepResult> step = latest.flatMap(column::in);
            if (step.isEmpty()) {
                out.append("<td class=\"num none\" data-step=\"").append(Html.escape(column.label())).append("\">–</td>");
            } else {
                StepResult s = step.get();
                out.append("<td class=\"num ").append(Html.colour(s.outcome())).append("\" data-step=\"")
                        .append(Html.escape(column.label())).append("\" title=\"").append(Html.escape(s.outcome().label()))
                        .append("\">").append(HumanTime.millis(s.duration())).append("<small> ms</small></td>");
            }
        }
        out.append("\n<td class=\"strip\">")
                .append(OutcomeStrip.render(h.recent(), StatusPage.STRIP, id -> view.history().run(id).isPresent()))
                .append("</td>\n</tr>\n");
    }
}
