package dev.portal.login.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** LOG_FORMAT and the production logback.xml it switches, driven in memory. */
class LogFormatTest {

  @Test
  @DisplayName("LOG_FORMAT defaults to json, to text in no-setup mode, and an explicit choice wins either way")
  void choosesTheFormat() {
    assertEquals(LogFormat.JSON, LogFormat.fromEnv(Map.of(), false));
    assertEquals(LogFormat.TEXT, LogFormat.fromEnv(Map.of(), true));
    assertEquals(LogFormat.JSON, LogFormat.fromEnv(Map.of("LOG_FORMAT", "JSON"), true));
    assertEquals(LogFormat.TEXT, LogFormat.fromEnv(Map.of("LOG_FORMAT", "text"), false));
  }

  @Test
  @DisplayName("an unknown LOG_FORMAT is refused naming the variable")
  void refusesUnknownFormats() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> LogFormat.fromEnv(Map.of("LOG_FORMAT", "xml"), false));
    assertTrue(refused.getMessage().contains("LOG_FORMAT"), refused.getMessage());
  }

  @Test
  @DisplayName("in json format each event is one JSON object on one line, with the formatted message and the request id as a field")
  void jsonLinesCarryTheRequestId() {
    String printed = logThrough(LogFormat.JSON, log -> {
      log.atWarn().addKeyValue("requestId", "req-42").log("Request {} failed:\n{}", "req-42", "second line");
      log.info("plain line");
    });

    String[] lines = printed.strip().split("\n");
    assertEquals(2, lines.length, printed);
    JsonObject first = new JsonObject(lines[0]);
    assertEquals("WARN", first.getString("level"));
    assertEquals("Request req-42 failed:\nsecond line", first.getString("formattedMessage"));
    assertEquals("req-42", requestId(first.getJsonArray("kvpList")), lines[0]);
    assertEquals("plain line", new JsonObject(lines[1]).getString("formattedMessage"));
  }

  @Test
  @DisplayName("lines are written by the appender's own thread, never by the thread that logs (an event loop must not wait for stdout)")
  void linesAreWrittenOffTheCallersThread() {
    String printed = logThrough(LogFormat.JSON, log -> log.info("from the caller"));
    JsonObject line = new JsonObject(printed.strip());
    assertEquals(Thread.currentThread().getName(), line.getString("threadName"), "the caller is named in the line");
    String writer = writerThreadOf(LogFormat.JSON);
    assertTrue(writer.startsWith("AsyncAppender-Worker-"), "written by " + writer);
  }

  @Test
  @DisplayName("in text format a line is time, level, logger and message, not JSON")
  void textLinesAreForPeople() {
    String printed = logThrough(LogFormat.TEXT, log -> log.info("Gateway listening on {}", "http://127.0.0.1:8080"));

    assertFalse(printed.startsWith("{"), printed);
    assertTrue(printed.contains("INFO"), printed);
    assertTrue(printed.strip().endsWith("Gateway listening on http://127.0.0.1:8080"), printed);
  }

  /** The thread on which the configured appender prints a line. */
  private static String writerThreadOf(LogFormat format) {
    String[] writer = new String[1];
    logThrough(format, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8) {
      @Override
      public void write(byte[] buffer, int offset, int length) {
        writer[0] = Thread.currentThread().getName();
      }
    }, log -> log.info("which thread writes this"));
    return String.valueOf(writer[0]);
  }

  private static String requestId(JsonArray pairs) {
    for (Object pair : pairs) {
      if (pair instanceof JsonObject json && json.containsKey("requestId")) {
        return json.getString("requestId");
      }
    }
    return null;
  }

  /** Configures a fresh logback context from the production logback.xml and captures what it prints. */
  private static String logThrough(LogFormat format, Consumer<Logger> logging) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    logThrough(format, new PrintStream(captured, true, StandardCharsets.UTF_8), logging);
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** As above, with standard output replaced by {@code out} while the context logs and stops. */
  private static void logThrough(LogFormat format, PrintStream out, Consumer<Logger> logging) {
    PrintStream original = System.out;
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    try {
      context.putProperty(LogFormat.PROPERTY, format.appender());
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      System.setOut(out);
      configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
      logging.accept(context.getLogger("dev.portal.login.gateway.GatewayVerticle"));
    } catch (Exception e) {
      throw new AssertionError("logback.xml did not configure: " + e, e);
    } finally {
      context.stop();
      System.setOut(original);
    }
  }
}
