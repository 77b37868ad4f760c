package dev.portal.login.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portal.login.contracts.EventIds;
import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LockoutInputTest {
  private static final UUID ACCOUNT = UUID.randomUUID();

  private static SecurityEvent event(String type, String reason, JsonObject details) {
    return new SecurityEvent(EventIds.next(), type, SecurityEvent.SCHEMA_VERSION, Instant.now(), ACCOUNT,
        ACCOUNT.toString(), "username", "192.0.2.1", "test", "r1", Outcomes.FAILURE, reason, details);
  }

  @Test
  @DisplayName("a wrong one-time code counts as a failure like a wrong password; other refusals do not")
  void wrongCodesCount() {
    assertEquals(LockoutEvent.Kind.FAILURE,
        LockoutEffect.input(event(EventTypes.LOGIN_FAILED, Outcomes.REASON_BAD_CODE, null)).kind());
    assertEquals(LockoutEvent.Kind.FAILURE,
        LockoutEffect.input(event(EventTypes.LOGIN_FAILED, Outcomes.REASON_BAD_CREDENTIALS, null)).kind());
    assertNull(LockoutEffect.input(event(EventTypes.LOGIN_FAILED, Outcomes.REASON_THROTTLED, null)));
    assertNull(LockoutEffect.input(event(EventTypes.LOGIN_MFA_REQUIRED, Outcomes.REASON_MFA_REQUIRED, null)),
        "a right password awaiting its code is not a success that clears failures");
  }

  @Test
  @DisplayName("a password changed through a reset lifts locks; a change by the signed-in owner does not")
  void resetLifts() {
    assertEquals(LockoutEvent.Kind.PASSWORD_RESET, LockoutEffect.input(
        event(EventTypes.PASSWORD_CHANGED, null, new JsonObject().put("via", "reset"))).kind());
    assertNull(LockoutEffect.input(event(EventTypes.PASSWORD_CHANGED, null, new JsonObject().put("via", "change"))));
  }
}
