package io.usercanary.report;

import io.usercanary.probe.RunResult;
import java.util.ArrayList;
import java.util.List;

/** A fixed-width table, one row per account, for a person reading a terminal or a pipeline log. */
public final class TableReport {
    private static final String[] HEADERS = {"ACCOUNT", "COHORT", "AGE", "OUTCOME", "MS", "DETAIL"};

    private TableReport() {}

    public static String render(RoundReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (RunResult r : report.results()) {
            rows.add(new String[] {r.account(), r.cohort(), RoundReport.ageDays(r), r.outcome().label(),
                String.valueOf(r.duration().toMillis()), r.detail()});
        }
        int[] widths = new int[HEADERS.length - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                out.append(i == 4 ? pad(row[i], widths[i], true) : pad(row[i], widths[i], false)).append("  ");
            }
            out.append(row[row.length - 1].replace('\n', ' ')).append('\n');
        }
        long failed = report.results().stream().filter(r -> !r.passed()).count();
        out.append(failed == 0
                ? report.results().size() + " accounts passed"
                : failed + " of " + report.results().size() + " accounts failed").append('\n');
        return out.toString();
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(width - text.length());
        return right ? spaces + text : text + spaces;
    }
}
