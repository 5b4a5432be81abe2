package io.usercanary.web;

import io.usercanary.store.ResultStore;
import io.usercanary.config.CanaryConfig;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status page at {@code /}: a summary line, then one section per cohort with a row per account.
 *
 * <p>Stable hooks for tests and scrapers: {@code p.summary[data-status][data-failing][data-accounts]},
 * {@code section.cohort[data-cohort][data-status][data-accounts][data-ok][data-failing]}, and
 * {@code tr.account[data-account][data-cohort][data-outcome]} with {@code data-run} / {@code data-last-failure}
 * when those runs exist and {@code data-stale="true"} when the latest run is older than three intervals,
 * {@code p.stale[data-stale]} counting those, and {@code td[data-step]} per latency cell; {@code data-failing-since}
 * on a failing row and cohort: when the first failed run after the last passing one started.
 * Statuses are ok, slow, failing, pending; outcomes are {@code Outcome.label()} or pending.
 */
public final class StatusPage {
    /** Outcomes shown in the strip: as many as the store keeps. */
    static final int STRIP = ResultStore.STRIP;

    private StatusPage() {}

    public static String render(CanaryConfig config, ResultStore history, Instant now) {
        List<CohortGroup> groups = CohortGroup.of(config, history);
        Summary summary = Summary.of(groups);
        View view = new View(stepColumns(config), history, now, config.schedule().interval().multipliedBy(STALE_INTERVALS),
                accountWidth(config), outcomeWidth(groups));
        String where = config.location().isEmpty() ? config.environment() : config.environment() + " · " + config.location();
        StringBuilder out = new StringBuilder(16 * 1024)
                .append(PageStyle.head(summary.titlePrefix() + "usercanary · " + where, refreshSeconds(config)))
                .append("<header class=\"page\">\n<h1>usercanary <span class=\"where\">")
                .append(Html.escape(where)).append("</span></h1>\n<div class=\"meta\">rendered <time datetime=\"")
                .append(Html.utc(now)).append("\">").append(Html.utc(now)).append("</time> · every account runs every ")
                .append(config.schedule().interval().toSeconds()).append(" s · this page refreshes every ")
                .append(refreshSeconds(config)).append(" s</div>\n")
                .append("<p class=\"summary\" data-status=\"").append(summary.status()).append("\" data-failing=\"")
                .append(summary.failing()).append("\" data-accounts=\"").append(summary.accounts()).append("\">")
                .append(Html.escape(summary.text())).append("</p>\n");
        long stale = groups.stream().flatMap(g -> g.rows().stream())
                .filter(r -> r.history().latest().map(view::stale).orElse(false)).count();
        if (stale > 0) {
            out.append("<p class=\"stale\" data-stale=\"").append(stale).append("\">").append(stale)
                    .append(stale == 1 ? " account has" : " accounts have").append(" not run for more than ")
                    .append(STALE_INTERVALS).append(" intervals: is the scheduler stuck?</p>\n");
        }
        out.append("</header>\n<main>\n");
        for (CohortGroup group : groups) {
            section(out, group, view);
        }
        return out.append("</main>\n").append(PageStyle.foot()).toString();
    }

    /** Tied to the run interval, within 5 to 60 seconds. */
    static int refreshSeconds(CanaryConfig config) {
        long interval = config.schedule().interval().toSeconds();
        return (int) Math.max(5, Math.min(60, interval));
    }

    /** login, lookup, exchange when configured, then each check by name. */
    private static List<StepColumn> stepColumns(CanaryConfig config) {
        List<StepColumn> columns = new ArrayList<>(List.of(new StepColumn(Step.LOGIN, ""), new StepColumn(Step.LOOKUP, "")));
        if (config.backend().exchange() != null) {
            columns.add(new StepColumn(Step.EXCHANGE, ""));
        }
        config.checks().stream().map(c -> new StepColumn(Step.CHECK, c.name())).forEach(columns::add);
        return columns;
    }

    /** A latest run older than this many intervals means the canary itself stopped, which must not look green. */
    static final int STALE_INTERVALS = 3;

    /**
     * The account column fits the longest name in the config up to 22 characters, so every table on the page has
     * the same columns; a longer name wraps at its hyphens rather than being cut. The detail takes a line of its own
     * under the row, as wide as the table (see {@link PageStyle}).
     */
    static String accountWidth(CanaryConfig config) {
        int longest = config.accounts().stream().mapToInt(a -> a.name().length()).max().orElse(8);
        return "calc(" + Math.min(22, Math.max(8, longest)) + "ch + 26px)";
    }

    /** Wide enough for the badge of the longest outcome on the page (12 px bold, about 0.85 ch a character). */
    static String outcomeWidth(List<CohortGroup> groups) {
        int longest = groups.stream().flatMap(g -> g.rows().stream()).mapToInt(r -> r.outcomeLabel().length()).max().orElse(8);
        return "max(128px,calc(" + Math.round(longest * 0.85) + "ch + 30px))";
    }

    /** What every row needs besides its own account. */
    record View(List<StepColumn> columns, ResultStore history, Instant now, Duration staleAfter, String accountWidth,
                String outcomeWidth) {
        boolean stale(RunResult latest) {
            return latest.startedAt().plus(staleAfter).isBefore(now);
        }
    }

    private static void section(StringBuilder out, CohortGroup group, View view) {
        List<StepColumn> columns = view.columns();
        String status = group.status();
        String colour = switch (status) {
            case "failing" -> "fail";
            case "slow", "ok", "pending" -> status;
            default -> throw new IllegalStateException("unknown cohort status " + status);
        };
        out.append("<section class=\"cohort\" data-cohort=\"").append(Html.escape(group.cohort()))
                .append("\" data-status=\"").append(status).append("\" data-accounts=\"").append(group.rows().size())
                .append("\" data-ok=\"").append(group.passing()).append("\" data-failing=\"").append(group.failing())
                .append('"');
        group.failingSince().ifPresent(t -> out.append(" data-failing-since=\"").append(Html.utc(t)).append('"'));
        out.append(">\n<h2><span class=\"name\">").append(Html.escape(group.cohort()))
                .append("</span> <span class=\"badge ").append(colour).append("\">").append(Html.escape(group.label()))
                .append("</span> ");
        group.failingSince().ifPresent(t -> out.append(AccountRow.since(t, view.now())).append(' '));
        out.append("<span class=\"range\">").append(Html.escape(group.range())).append("</span></h2>\n")
                .append("<table style=\"--cols:").append(view.accountWidth()).append(" 76px ").append(view.outcomeWidth())
                .append(" 112px repeat(").append(columns.size()).append(",76px) 194px 1fr\">\n")
                .append("<thead><tr><th class=\"account\">account</th><th>age</th><th>outcome</th>")
                .append("<th class=\"detail\">detail</th><th>last success</th>");
        columns.forEach(c -> out.append("<th class=\"num\" title=\"").append(Html.escape(c.label())).append(", milliseconds\">")
                .append(Html.escape(c.label())).append("</th>"));
        out.append("<th>last ").append(STRIP).append(" runs</th></tr></thead>\n<tbody>\n");
        for (CohortGroup.Row row : group.rows()) {
            AccountRow.render(out, row, view);
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    /** One latency column: a stage, or one check by name. */
    record StepColumn(Step step, String check) {
        String label() {
            return step == Step.CHECK ? check : step.label();
        }

        Optional<StepResult> in(RunResult run) {
            return run.steps().stream().filter(s -> s.step() == step && s.check().equals(check)).findFirst();
        }
    }
}
