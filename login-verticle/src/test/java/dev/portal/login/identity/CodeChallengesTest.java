package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CodeChallengesTest {
  @Test
  @DisplayName("a challenge answers with its id, channel, lifetime and masked destination, nothing else")
  void reply() {
    CodeChallenges.Challenge challenge = new CodeChallenges.Challenge("AAAAAAAAAAAAAAAAAAAAAA", UUID.randomUUID(),
        CodeChallenges.Purpose.LOGIN, "email", 300, 3, "b***@example.id", new JsonObject().put("deviceId", "d"));
    assertEquals(new JsonObject().put("challenge_id", "AAAAAAAAAAAAAAAAAAAAAA").put("channel", "email")
        .put("expires_in", 300L).put("destination", "b***@example.id"), challenge.toReply());
  }

  @Test
  @DisplayName("an authenticator challenge has no destination in its answer")
  void authenticatorReply() {
    CodeChallenges.Challenge challenge = new CodeChallenges.Challenge("AAAAAAAAAAAAAAAAAAAAAA", UUID.randomUUID(),
        CodeChallenges.Purpose.LOGIN, "totp", 300, 0, null, new JsonObject());
    assertFalse(challenge.toReply().containsKey("destination"));
  }

  @Test
  @DisplayName("each purpose has the wire name of the events and its own message template")
  void purposes() {
    assertEquals("login", CodeChallenges.Purpose.LOGIN.wireName());
    assertEquals("step-up", CodeChallenges.Purpose.STEP_UP.wireName());
    assertEquals("phone-verification-code", CodeChallenges.Purpose.PHONE.template());
    assertEquals("password-reset-code", CodeChallenges.Purpose.RESET.template());
  }

  @Test
  @DisplayName("every result of auth.mfa.challenges is registered at zero from the start, before any challenge")
  void resultsRegisteredAtZero() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new CodeChallenges(null, null, null, null, null, null, null, null, registry, Clock.systemUTC());
    for (String result : new String[] {"issued", "verified", "failed", "burned", "expired", "refused"}) {
      assertEquals(0.0, registry.get(CodeChallenges.METRIC).tag("result", result).counter().count(), result);
    }
    assertEquals(6, registry.find(CodeChallenges.METRIC).counters().size());
  }
}
