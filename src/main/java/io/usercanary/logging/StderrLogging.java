package io.usercanary.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;

/**
 * The logging set-up, in code rather than a logback.xml: logs go to stderr (stdout is for reports that
 * pipelines parse), through {@link SwitchingLayout}, INFO and up; Quartz, Google, okhttp, Jetty and Flyway at
 * WARN, HikariCP at ERROR, and a cluster database outage without the libraries' stack traces ({@link DatabaseOutageFilter}).
 * Reading an XML file would load the JDK's XML parser and logback's Joran, about 0.1 s of every start.
 *
 * <p>Found by logback through {@code META-INF/services}; a {@code -Dlogback.configurationFile=...} still
 * wins, so an operator can bring a config of their own.
 */
public final class StderrLogging extends ContextAwareBase implements Configurator {
    /** Libraries whose INFO lines (pool started, schema up to date, scheduler banner) are noise in a daemon's log. */
    static final String[] QUIET = {"org.quartz", "com.google", "okhttp3", "org.eclipse.jetty", "org.flywaydb"};
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{20} %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        SwitchingLayout layout = new SwitchingLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        for (String quiet : QUIET) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        // Its warnings during a database outage ("Failed to validate connection ... consider a shorter
        // maxLifetime") mislead; the cluster health check says what is wrong.
        context.getLogger("com.zaxxer.hikari").setLevel(Level.ERROR);
        DatabaseOutageFilter outages = new DatabaseOutageFilter();
        outages.setContext(context);
        outages.start();
        context.addTurboFilter(outages);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
