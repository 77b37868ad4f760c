package dev.portal.login.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContractsTest {

  @Test
  @DisplayName("event ids are version 7, unique, and sort by the time they were made")
  void eventIdsAreTimeOrdered() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    UUID earlier = EventIds.next(Clock.fixed(t0, ZoneOffset.UTC));
    UUID later = EventIds.next(Clock.fixed(t0.plusMillis(1), ZoneOffset.UTC));
    assertEquals(7, earlier.version());
    assertEquals(2, earlier.variant());
    assertEquals(t0.toEpochMilli(), EventIds.timestampOf(earlier));
    assertTrue(earlier.toString().compareTo(later.toString()) < 0);
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(ids.add(EventIds.next()));
    }
  }

  @Test
  @DisplayName("a security event survives its JSON form unchanged and picks its topic by type")
  void securityEventRoundTrip() {
    SecurityEvent event = new SecurityEvent(EventIds.next(), EventTypes.LOGIN_FAILED, 1,
        Instant.parse("2026-11-21T10:15:30.123Z"), null, "h:abc", "email", "10.0.0.1", "curl/8",
        "req-1", Outcomes.FAILURE, Outcomes.REASON_BAD_CREDENTIALS, new JsonObject().put("x", 1));
    SecurityEvent copy = SecurityEvent.fromJson(new JsonObject(event.toJson().encode()));
    assertEquals(event, copy);
    assertNull(copy.accountId());
    assertEquals(Topics.LOGIN_EVENTS, event.topic());
    assertEquals(Topics.ACCOUNT_EVENTS, EventTypes.topicOf(EventTypes.ACCOUNT_REGISTERED));
    assertThrows(IllegalArgumentException.class, () -> SecurityEvent.fromJson(new JsonObject().put("type", "x")));
  }

  @Test
  @DisplayName("a problem sent as a reply failure comes back as the same problem")
  void problemCrossesTheEventBus() {
    Problem problem = Problem.validation(List.of(new Problem.FieldError("email", "must be an e-mail address")))
        .withRetryAfter(3)
        .withExtension("lockedUntil", "2026-11-21T10:30:00Z");
    ReplyException failure = new ReplyException(ReplyFailure.RECIPIENT_FAILURE, problem.status(),
        problem.toJson().encode());
    Problem back = ProblemException.fromReplyFailure(failure);
    assertEquals(problem, back);
    assertEquals("/problems/validation-failed", back.toJson().getString("type"));
    assertEquals(400, back.toJson().getInteger("status"));
  }

  @Test
  @DisplayName("no handler or a timeout on the event bus becomes 503 unavailable, anything else 500")
  void replyFailuresMapToUnavailable() {
    assertEquals(ProblemType.UNAVAILABLE,
        ProblemException.fromReplyFailure(new ReplyException(ReplyFailure.TIMEOUT, "timeout")).type());
    assertEquals(ProblemType.UNAVAILABLE,
        ProblemException.fromReplyFailure(new ReplyException(ReplyFailure.NO_HANDLERS, "none")).type());
    assertEquals(ProblemType.INTERNAL,
        ProblemException.fromReplyFailure(new IllegalStateException("boom")).type());
  }

  @Test
  @DisplayName("connection settings never print a password")
  void endpointsHidePasswords() {
    var pg = new ServiceEndpoints.Postgres("db", 5432, "login", "app", "s3cret-pw");
    var redis = new ServiceEndpoints.Redis("redis://:s3cret-pw@cache:6379/0");
    assertFalse(pg.toString().contains("s3cret"));
    assertFalse(redis.toString().contains("s3cret"));
    assertEquals("jdbc:postgresql://db:5432/login", pg.jdbcUrl());
  }
}
