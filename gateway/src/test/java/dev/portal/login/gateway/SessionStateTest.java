package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The session check script's answers")
class SessionStateTest {
  @Test
  @DisplayName("read as live, the two expiries (fresh or from a tombstone), ended for any other tombstone, else unknown")
  void readsEveryAnswer() {
    assertEquals(SessionState.LIVE, SessionState.fromScript("live"));
    assertEquals(SessionState.IDLE_EXPIRED, SessionState.fromScript("idle-expired"));
    assertEquals(SessionState.IDLE_EXPIRED, SessionState.fromScript("ended:idle-expired"));
    assertEquals(SessionState.ABSOLUTE_EXPIRED, SessionState.fromScript("absolute-expired"));
    assertEquals(SessionState.ABSOLUTE_EXPIRED, SessionState.fromScript("ended:absolute-expired"));
    assertEquals(SessionState.ENDED, SessionState.fromScript("ended:logout"));
    assertEquals(SessionState.ENDED, SessionState.fromScript("ended:reused"));
    assertEquals(SessionState.ENDED, SessionState.fromScript("ended:live"));
    assertEquals(SessionState.UNKNOWN, SessionState.fromScript("unknown"));
    assertEquals(SessionState.UNKNOWN, SessionState.fromScript(null));
  }
}
