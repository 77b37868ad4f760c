package dev.portal.login.app.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The leak checks rely on the capture: it must see the project's lines, debug ones included. */
@DisplayName("The log capture")
class LogCaptureTest {
  private static final Logger LOG = LoggerFactory.getLogger("dev.portal.login.identity.SomeService");

  @Test
  @DisplayName("sees the project's debug and info lines with their arguments and exceptions, only while open")
  void capturesWhileOpen() {
    String text;
    try (LogCapture capture = LogCapture.start()) {
      LOG.debug("code {} for {}", "482913", "someone");
      LOG.info("failed", new IllegalStateException("token abcDEF"));
      text = capture.text(logger -> true);
    }
    LOG.info("after 777111");

    assertTrue(text.contains("code 482913 for someone"), text);
    assertTrue(text.contains("token abcDEF"), text);
    assertFalse(text.contains("777111"));
    assertFalse(LOG.isDebugEnabled(), "the level is restored afterwards");
  }
}
