package io.usercanary.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class StderrLoggingTest {
    @Test
    void logbackFindsItAsItsConfigurator() {
        assertEquals(StderrLogging.class, ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class)
                .findFirst().orElseThrow().getClass());
    }

    @Test
    void rootLogsInfoToStderrThroughTheSwitchingLayoutAndNoisyLibrariesOnlyWarn() {
        LoggerContext context = new LoggerContext();
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new StderrLogging().configure(context));

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        ConsoleAppender<ILoggingEvent> stderr = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        assertEquals("System.err", stderr.getTarget());
        SwitchingLayout layout = assertInstanceOf(SwitchingLayout.class,
                ((LayoutWrappingEncoder<ILoggingEvent>) stderr.getEncoder()).getLayout());
        assertEquals(StderrLogging.PATTERN, layout.getPattern());
        for (String quiet : new String[] {"org.quartz", "com.google", "okhttp3", "org.eclipse.jetty", "org.flywaydb"}) {
            assertEquals(Level.WARN, context.getLogger(quiet).getLevel(), quiet);
        }
        assertEquals(Level.ERROR, context.getLogger("com.zaxxer.hikari").getLevel());
        assertEquals(Level.INFO, context.getLogger("io.usercanary.run").getEffectiveLevel());
    }

    @Test
    void aConfigurationFileGivenByTheOperatorWins() {
        System.setProperty("logback.configurationFile", "/etc/usercanary/logback.xml");
        try {
            LoggerContext context = new LoggerContext();
            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, new StderrLogging().configure(context));
            assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }
}
