package io.usercanary.seed;

import io.usercanary.config.Durations;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** seed's report: one row per account (never a password), then a summary line. */
public final class SeedTable {
    private static final String[] HEADERS = {"ACCOUNT", "UID", "CREATED", "AGE", "COHORT", "ACTION"};
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private SeedTable() {}

    public static String render(List<SeedRow> rows, boolean dryRun) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADERS);
        for (SeedRow row : rows) {
            lines.add(new String[] {row.account(), orDash(row.uid()), row.created() == null ? "-" : CREATED.format(row.created()),
                row.age() == null ? "-" : Durations.largestUnit(row.age()), orDash(row.cohort()), action(row, dryRun)});
        }
        int[] widths = new int[HEADERS.length - 1];
        for (String[] line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < widths.length; i++) {
                out.append(line[i]).append(" ".repeat(widths[i] - line[i].length())).append("  ");
            }
            out.append(line[line.length - 1].replace('\n', ' ')).append('\n');
        }
        return out.append(summary(rows, dryRun)).append('\n').toString();
    }

    static String action(SeedRow row, boolean dryRun) {
        String verb = switch (row.action()) {
            case CREATED -> dryRun ? "would create" : "created";
            case RECREATED -> dryRun ? "would recreate" : "recreated";
            case UPDATED -> dryRun ? "would update" : "updated";
            case UNCHANGED -> "unchanged";
            case FAILED -> "failed";
        };
        return row.detail().isEmpty() ? verb : verb + ": " + row.detail();
    }

    static String summary(List<SeedRow> rows, boolean dryRun) {
        long changed = rows.stream().filter(SeedRow::changed).count();
        long failed = rows.stream().filter(SeedRow::failed).count();
        long unchanged = rows.size() - changed - failed;
        StringBuilder out = new StringBuilder();
        if (changed == 0 && failed == 0) {
            out.append(rows.size()).append(rows.size() == 1 ? " account" : " accounts").append(" unchanged: nothing to do");
        } else {
            out.append(dryRun ? "dry run, nothing changed: would change " : "changed ").append(changed)
                    .append(", unchanged ").append(unchanged);
            if (failed > 0) {
                out.append(", failed ").append(failed);
            }
        }
        return out.toString();
    }

    private static String orDash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }
}
