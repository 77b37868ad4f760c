package dev.portal.login.app.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Everything logged in this JVM while it is open, for asserting that no secret reaches the logs. The
 * project's own loggers are lowered to DEBUG meanwhile: a secret in a debug line is a leak too.
 */
public final class LogCapture implements AutoCloseable {
  private static final String PROJECT_LOGGERS = "dev.portal";

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root;
  private final Logger project;
  private final Level projectLevelBefore;

  private LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    project = context.getLogger(PROJECT_LOGGERS);
    projectLevelBefore = project.getLevel();
    appender.setContext(context);
    appender.setName("log-capture");
    appender.start();
    root.addAppender(appender);
    project.setLevel(Level.DEBUG);
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /** The captured lines (logger, formatted message, any exception text), from loggers the filter accepts. */
  public String text(Predicate<String> loggerName) {
    List<ILoggingEvent> events = List.copyOf(appender.list);
    return events.stream()
        .filter(event -> loggerName.test(event.getLoggerName()))
        .map(event -> event.getLoggerName() + " " + event.getFormattedMessage() + throwableText(event.getThrowableProxy()))
        .collect(Collectors.joining("\n"));
  }

  /** One captured line: its logger, level, formatted message and key-value pairs (requestId, ...). */
  public record Line(String logger, String level, String message, Map<String, String> keyValues) {
    @Override
    public String toString() {
      return level + " " + logger + " " + message + " " + keyValues;
    }
  }

  /** The captured lines of the loggers the filter accepts, oldest first. */
  public List<Line> entries(Predicate<String> loggerName) {
    return List.copyOf(appender.list).stream()
        .filter(event -> loggerName.test(event.getLoggerName()))
        .map(event -> new Line(event.getLoggerName(), event.getLevel().toString(), event.getFormattedMessage(),
            keyValues(event)))
        .toList();
  }

  private static Map<String, String> keyValues(ILoggingEvent event) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (event.getKeyValuePairs() != null) {
      event.getKeyValuePairs().forEach(pair -> pairs.put(pair.key, String.valueOf(pair.value)));
    }
    return pairs;
  }

  public int lines() {
    return appender.list.size();
  }

  private static String throwableText(IThrowableProxy proxy) {
    StringBuilder text = new StringBuilder();
    for (IThrowableProxy cause = proxy; cause != null; cause = cause.getCause()) {
      text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
    }
    return text.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    project.setLevel(projectLevelBefore);
  }
}
