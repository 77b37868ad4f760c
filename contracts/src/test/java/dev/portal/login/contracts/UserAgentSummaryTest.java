package dev.portal.login.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UserAgentSummaryTest {

  @Test
  @DisplayName("common browsers and systems read as 'browser on system'")
  void browsersOnSystems() {
    assertEquals("Chrome on Android", UserAgentSummary.of("Mozilla/5.0 (Linux; Android 14; Pixel 8) "
        + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36"));
    assertEquals("Firefox on Windows", UserAgentSummary.of(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0"));
    assertEquals("Safari on iOS", UserAgentSummary.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
        + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"));
    assertEquals("Edge on Windows", UserAgentSummary.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
        + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51"));
    assertEquals("Safari on macOS", UserAgentSummary.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
        + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"));
    assertEquals("Samsung Internet on Android", UserAgentSummary.of("Mozilla/5.0 (Linux; Android 13; SM-S911B) "
        + "AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36"));
    assertEquals("Chrome on iOS", UserAgentSummary.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
        + "AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1"));
  }

  @Test
  @DisplayName("command-line clients are named as themselves; nothing recognisable is 'Unknown device', never the raw header")
  void clientsAndUnknowns() {
    assertEquals("curl", UserAgentSummary.of("curl/8.5.0"));
    assertEquals("Python", UserAgentSummary.of("python-requests/2.31.0"));
    assertEquals("Java", UserAgentSummary.of("Java-http-client/17.0.10"));
    assertEquals(UserAgentSummary.UNKNOWN, UserAgentSummary.of(null));
    assertEquals(UserAgentSummary.UNKNOWN, UserAgentSummary.of("  "));
    assertEquals(UserAgentSummary.UNKNOWN, UserAgentSummary.of("<script>alert(1)</script>"));
  }
}
