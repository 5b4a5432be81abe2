package io.usercanary.report;

import io.usercanary.probe.Outcome;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * JUnit XML that CI systems show natively: one testsuite; per account a {@code sign-in} testcase
 * (login, lookup, exchange) and one testcase per check. Written atomically.
 */
public final class JunitReport {
    private JunitReport() {}

    public static String render(RoundReport report, List<String> checkNames) {
        StringBuilder cases = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        double totalSeconds = 0;
        for (RunResult r : report.results()) {
            String classname = "usercanary." + report.environment() + "." + r.cohort();
            Optional<StepResult> signInFailure = r.steps().stream()
                    .filter(s -> s.step() != Step.CHECK && !s.outcome().passed()).findFirst();
            double signInSeconds = r.steps().stream().filter(s -> s.step() != Step.CHECK)
                    .mapToDouble(s -> s.duration().toNanos() / 1e9).sum();
            tests++;
            totalSeconds += signInSeconds;
            cases.append(testcase(classname, r.account() + ": sign-in", signInSeconds));
            if (signInFailure.isPresent()) {
                failures++;
                cases.append(failure(signInFailure.get().outcome(), signInFailure.get().detail()));
            }
            cases.append("    </testcase>\n");
            for (String check : checkNames) {
                Optional<StepResult> step = r.steps().stream()
                        .filter(s -> s.step() == Step.CHECK && s.check().equals(check)).findFirst();
                double seconds = step.map(s -> s.duration().toNanos() / 1e9).orElse(0.0);
                tests++;
                totalSeconds += seconds;
                cases.append(testcase(classname, r.account() + ": " + check, seconds));
                if (step.isEmpty()) {
                    skipped++;
                    cases.append("      <skipped message=\"").append(xml("not run: " + r.outcome().label())).append("\"/>\n");
                } else if (!step.get().outcome().passed()) {
                    failures++;
                    cases.append(failure(step.get().outcome(), step.get().detail()));
                }
                cases.append("    </testcase>\n");
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites>\n"
                + "  <testsuite name=\"" + xml("usercanary " + report.environment()) + "\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\" time=\"" + seconds(totalSeconds)
                + "\" timestamp=\"" + xml(report.startedAt().toString()) + "\">\n"
                + cases
                + "  </testsuite>\n"
                + "</testsuites>\n";
    }

    /** Writes atomically: a reader never sees half a report. */
    public static void write(RoundReport report, List<String> checkNames, Path target) throws IOException {
        AtomicFile.write(target, render(report, checkNames));
    }

    private static String testcase(String classname, String name, double seconds) {
        return "    <testcase classname=\"" + xml(classname) + "\" name=\"" + xml(name) + "\" time=\"" + seconds(seconds) + "\">\n";
    }

    private static String failure(Outcome outcome, String detail) {
        return "      <failure type=\"" + outcome.label() + "\" message=\"" + xml(outcome.label() + ": " + detail) + "\">"
                + xml(outcome.label() + ": " + detail) + "</failure>\n";
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
