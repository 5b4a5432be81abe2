package io.usercanary.report;

import io.usercanary.check.AssertionResult;
import io.usercanary.probe.RunResult;
import io.usercanary.probe.Step;
import io.usercanary.probe.StepResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML that CI systems show natively: one testsuite; per account a {@code sign-in} testcase (login, lookup,
 * exchange) and one testcase per check, failures carrying the outcome, the detail and the failed assertions, checks
 * not reached {@code skipped}. Written through {@link XMLStreamWriter}, so any text a backend sends stays text.
 */
public final class JunitReport {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private JunitReport() {}

    public static String render(RoundReport report, List<String> checkNames) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            Totals totals = Totals.of(report, checkNames);
            attribute(xml, "name", "usercanary " + report.environment());
            attribute(xml, "tests", String.valueOf(totals.tests()));
            attribute(xml, "failures", String.valueOf(totals.failures()));
            attribute(xml, "errors", "0");
            attribute(xml, "skipped", String.valueOf(totals.skipped()));
            attribute(xml, "time", seconds(totals.seconds()));
            attribute(xml, "timestamp", report.startedAt().toString());
            for (RunResult run : report.results()) {
                String classname = "usercanary." + report.environment() + "." + run.cohort();
                testcase(xml, classname, run.account() + ": sign-in", signInSeconds(run), signInFailure(run), false, run);
                for (String check : checkNames) {
                    Optional<StepResult> step = checkStep(run, check);
                    testcase(xml, classname, run.account() + ": " + check,
                            step.map(s -> s.duration().toNanos() / 1e9).orElse(0.0),
                            step.filter(s -> !s.outcome().passed()), notRun(step), run);
                }
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML to a string", e);
        }
        return text.toString();
    }

    /** Writes atomically, readable as the umask allows: a reader never sees half a report. */
    public static void write(RoundReport report, List<String> checkNames, Path target) throws IOException {
        AtomicFile.write(target, render(report, checkNames));
    }

    /** The counts the testsuite element carries. */
    private record Totals(int tests, int failures, int skipped, double seconds) {
        static Totals of(RoundReport report, List<String> checkNames) {
            int tests = 0;
            int failures = 0;
            int skipped = 0;
            double seconds = 0;
            for (RunResult run : report.results()) {
                tests += 1 + checkNames.size();
                failures += signInFailure(run).isPresent() ? 1 : 0;
                seconds += signInSeconds(run);
                for (String check : checkNames) {
                    Optional<StepResult> step = checkStep(run, check);
                    skipped += notRun(step) ? 1 : 0;
                    failures += step.filter(s -> !s.outcome().passed()).isPresent() ? 1 : 0;
                    seconds += step.map(s -> s.duration().toNanos() / 1e9).orElse(0.0);
                }
            }
            return new Totals(tests, failures, skipped, seconds);
        }
    }

    private static void testcase(XMLStreamWriter xml, String classname, String name, double seconds,
                                 Optional<StepResult> failure, boolean skipped, RunResult run) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        attribute(xml, "classname", classname);
        attribute(xml, "name", name);
        attribute(xml, "time", seconds(seconds));
        if (skipped) {
            xml.writeCharacters("\n      ");
            xml.writeEmptyElement("skipped");
            attribute(xml, "message", failure.isEmpty() && skippedStep(run, name) != null ? skippedStep(run, name)
                    : "not run: " + run.outcome().label());
        } else if (failure.isPresent()) {
            StepResult step = failure.get();
            String message = step.outcome().label() + ": " + step.detail();
            xml.writeCharacters("\n      ");
            xml.writeStartElement("failure");
            attribute(xml, "type", step.outcome().label());
            attribute(xml, "message", message);
            StringBuilder body = new StringBuilder(message);
            for (AssertionResult assertion : step.assertions()) {
                if (!assertion.passed()) {
                    body.append("\n  failed: ").append(assertion.assertion()).append(": ").append(assertion.detail());
                }
            }
            xml.writeCharacters(XmlText.clean(body.toString()));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, XmlText.clean(value));
    }

    /** A check that did not run: the flow stopped before it, or a value it needs was not captured. */
    private static boolean notRun(Optional<StepResult> step) {
        return step.isEmpty() || step.get().skipped();
    }

    /** The detail ({@code not run: needs orgId}) of the skipped check this testcase is about, or null. */
    private static String skippedStep(RunResult run, String testcase) {
        return run.steps().stream().filter(s -> s.skipped() && testcase.equals(run.account() + ": " + s.check()))
                .map(StepResult::detail).findFirst().orElse(null);
    }

    private static Optional<StepResult> signInFailure(RunResult run) {
        return run.steps().stream().filter(s -> s.step() != Step.CHECK && !s.outcome().passed()).findFirst();
    }

    private static double signInSeconds(RunResult run) {
        return run.steps().stream().filter(s -> s.step() != Step.CHECK).mapToDouble(s -> s.duration().toNanos() / 1e9).sum();
    }

    private static Optional<StepResult> checkStep(RunResult run, String check) {
        return run.steps().stream().filter(s -> s.step() == Step.CHECK && s.check().equals(check)).findFirst();
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
