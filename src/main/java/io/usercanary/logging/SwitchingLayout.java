package io.usercanary.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** The configured pattern for {@link LogFormat#TEXT}, {@link JsonLayout} for {@link LogFormat#JSON}. */
public final class SwitchingLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return LogFormat.current() == LogFormat.JSON ? JsonLayout.format(event) : super.doLayout(event);
    }
}
