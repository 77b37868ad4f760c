package dev.portal.login.app;

import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * How log lines look, chosen before logback starts: one JSON object per line for log collectors, or
 * a short human-readable line for a developer's terminal. logback.xml picks the appender named by the
 * system property {@value #PROPERTY}.
 *
 * <pre>
 * ENV var     default                        meaning
 * LOG_FORMAT  json (text in no-setup mode)   json: one JSON object per line (logback's JsonEncoder);
 *                                            text: time, level, logger, message
 * </pre>
 */
public enum LogFormat {
  JSON,
  TEXT;

  static final String VARIABLE = "LOG_FORMAT";
  static final String PROPERTY = "login.log.format";

  /** LOG_FORMAT when set; otherwise text for a no-setup run on one machine, JSON everywhere else. */
  public static LogFormat fromEnv(Map<String, String> env, boolean noSetupMode) {
    String chosen = env.get(VARIABLE);
    if (chosen == null || chosen.isBlank()) {
      return noSetupMode ? TEXT : JSON;
    }
    return switch (chosen.strip().toLowerCase(Locale.ROOT)) {
      case "json" -> JSON;
      case "text" -> TEXT;
      default -> throw new IllegalArgumentException(VARIABLE + " must be json or text, got '" + chosen + "'");
    };
  }

  /** The appender name logback.xml uses for this format. */
  public String appender() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Stops logging, which writes out the lines the asynchronous appenders still hold (logback.xml):
   * the last thing a stopping process does, so the lines of its shutdown are not lost with it.
   */
  public static void flush() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }

  /** Takes effect when logback configures itself, i.e. before the first logger is created. */
  public void install() {
    System.setProperty(PROPERTY, appender());
  }
}
