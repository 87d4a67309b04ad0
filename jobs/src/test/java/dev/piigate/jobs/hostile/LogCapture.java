package dev.piigate.jobs.hostile;

import java.io.Writer;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log4j event of every logger at INFO and above, with exception messages and stack traces,
 * written to a target while open: the driver's and the local executors' log, which the canary
 * searches of the hostile tests read.
 */
final class LogCapture implements AutoCloseable {
    private final WriterAppender appender;

    private LogCapture(WriterAppender appender) {
        this.appender = appender;
    }

    static LogCapture start(String name, Writer target) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(configuration)
                .withPattern("%p %c: %m%n%xEx").build();
        WriterAppender appender = WriterAppender.newBuilder().setName(name).setTarget(target).setLayout(layout)
                .setConfiguration(configuration).build();
        appender.start();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, Level.INFO, null);
        if (configuration.getRootLogger().getLevel().isMoreSpecificThan(Level.INFO)) {
            configuration.getRootLogger().setLevel(Level.INFO);
        }
        context.updateLoggers();
        return new LogCapture(appender);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
