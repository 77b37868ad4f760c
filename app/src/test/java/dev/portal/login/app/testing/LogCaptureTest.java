package dev.portal.login.app.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The leak checks rely on the capture: it must see the project's lines, debug ones included. */
@DisplayName("The log capture")
class LogCaptureTest {
  private static final Logger LOG = LoggerFactory.getLogger("dev.portal.login.identity.SomeService");

  @Test
  @DisplayName("sees the project's debug, info and warn lines with their arguments, exceptions and key-value pairs, only while open")
  void capturesWhileOpen() {
    String text;
    List<LogCapture.Line> lines;
    try (LogCapture capture = LogCapture.start()) {
      LOG.debug("code {} for {}", "482913", "someone");
      LOG.info("failed", new IllegalStateException("token abcDEF"));
      LOG.atWarn().addKeyValue("requestId", "req-7").log("refused");
      text = capture.text(logger -> true);
      lines = capture.entries(logger -> logger.equals(LOG.getName()));
    }
    LOG.info("after 777111");

    assertTrue(text.contains("code 482913 for someone"), text);
    assertTrue(lines.stream().anyMatch(line -> "WARN".equals(line.level()) && "refused".equals(line.message())
        && "req-7".equals(line.keyValues().get("requestId"))), lines.toString());
    assertTrue(text.contains("token abcDEF"), text);
    assertFalse(text.contains("777111"));
    assertFalse(LOG.isDebugEnabled(), "the level is restored afterwards");
  }
}
