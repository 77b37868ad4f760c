package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.contracts.ProblemType;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FailureProblemsTest {
  private static ProblemType typeOf(String sqlState) {
    return FailureProblems.of("identity.login", "r1", new PgException("message", "FATAL", sqlState, "detail"))
        .type();
  }

  @Test
  @DisplayName("a database that is shutting down, unreachable or out of resources is 503 unavailable; other SQL errors are bugs (500)")
  void classifiesBySqlState() {
    assertEquals(ProblemType.UNAVAILABLE, typeOf("57P01"));
    assertEquals(ProblemType.UNAVAILABLE, typeOf("57P03"));
    assertEquals(ProblemType.UNAVAILABLE, typeOf("08006"));
    assertEquals(ProblemType.UNAVAILABLE, typeOf("53300"));
    assertEquals(ProblemType.INTERNAL, typeOf("42P01"));
    assertEquals(ProblemType.INTERNAL, typeOf("23505"));
  }

  @Test
  @DisplayName("a Redis connection closed under a request is 503 unavailable; a Redis error reply is a bug (500)")
  void classifiesRedisErrors() {
    assertEquals(ProblemType.UNAVAILABLE, FailureProblems.of("identity.login", "r1",
        io.vertx.redis.client.impl.types.ErrorType.create("CONNECTION_CLOSED")).type());
    assertEquals(ProblemType.INTERNAL, FailureProblems.of("identity.login", "r1",
        io.vertx.redis.client.impl.types.ErrorType.create("WRONGTYPE Operation against a key")).type());
  }
}
