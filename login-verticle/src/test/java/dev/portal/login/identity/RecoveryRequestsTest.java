package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.IdentifierKind;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecoveryRequestsTest {
  private static final String PASSWORD = "pohon mangga di halaman";

  private static Problem problemOf(Consumer<JsonObject> parse, JsonObject body) {
    return assertThrows(ProblemException.class, () -> parse.accept(body)).problem();
  }

  private static Set<String> invalidFields(Problem problem) {
    assertEquals(ProblemType.VALIDATION_FAILED, problem.type());
    return problem.errors().stream().map(Problem.FieldError::field).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("forgot takes any identifier kind, normalised, and defaults to the e-mail channel")
  void parsesForgot() {
    RecoveryRequests.Forgot request = RecoveryRequests.forgot(new JsonObject().put("identifier", " Budi@Example.ID "));
    assertEquals(new Identifier(IdentifierKind.EMAIL, "budi@example.id"), request.identifier());
    assertEquals("email", request.channel());
    assertEquals("sms", RecoveryRequests.forgot(new JsonObject().put("identifier", "3171012345678901")
        .put("channel", "sms")).channel());
  }

  @Test
  @DisplayName("forgot without an identifier, with a control character or an unknown channel is a bad request")
  void refusesMalformedForgot() {
    assertEquals(Set.of("identifier"), invalidFields(problemOf(RecoveryRequests::forgot, new JsonObject())));
    assertEquals(Set.of("identifier", "channel"), invalidFields(problemOf(RecoveryRequests::forgot,
        new JsonObject().put("identifier", "budi\u0000").put("channel", "pigeon"))));
  }

  @Test
  @DisplayName("a reset carries a link token, or a challenge id with its code, never both and never neither")
  void parsesResetProof() {
    RecoveryRequests.Reset byLink = RecoveryRequests.reset(new JsonObject().put("token", "t".repeat(43))
        .put("new_password", PASSWORD));
    assertTrue(byLink.byLink());
    RecoveryRequests.Reset byCode = RecoveryRequests.reset(new JsonObject().put("challenge_id", "c1")
        .put("code", "123456").put("new_password", PASSWORD).put("second_factor", "654321"));
    assertFalse(byCode.byLink());
    assertEquals("654321", byCode.secondFactor());
    assertEquals(Set.of("token"), invalidFields(problemOf(RecoveryRequests::reset, new JsonObject()
        .put("token", "t").put("challenge_id", "c1").put("code", "1").put("new_password", PASSWORD))));
    assertEquals(Set.of("challenge_id", "new_password"), invalidFields(problemOf(RecoveryRequests::reset,
        new JsonObject())));
    assertEquals(Set.of("code"), invalidFields(problemOf(RecoveryRequests::reset, new JsonObject()
        .put("challenge_id", "c1").put("new_password", PASSWORD))));
  }

  @Test
  @DisplayName("the new password of a reset is NFKC-normalised, and its policy is left to the service")
  void normalisesResetPassword() {
    RecoveryRequests.Reset reset = RecoveryRequests.reset(new JsonObject().put("token", "t".repeat(43))
        .put("new_password", "\uFB01sh"));
    assertEquals("fish", reset.newPassword());
  }

  @Test
  @DisplayName("a change needs the current and the new password; log_out_others must be a boolean")
  void parsesChange() {
    RecoveryRequests.Change change = RecoveryRequests.change(new JsonObject().put("current_password", "old one")
        .put("new_password", PASSWORD).put("log_out_others", true));
    assertTrue(change.logOutOthers());
    assertFalse(RecoveryRequests.change(new JsonObject().put("current_password", "old one")
        .put("new_password", PASSWORD)).logOutOthers());
    assertEquals(Set.of("current_password", "new_password", "log_out_others"), invalidFields(problemOf(
        RecoveryRequests::change, new JsonObject().put("log_out_others", "yes"))));
    assertFalse(change.toString().contains(PASSWORD));
  }

  @Test
  @DisplayName("a missing link token is a bad request; a token not shaped like ours is an invalid link (410)")
  void checksLinkTokens() {
    assertEquals(Set.of("token"), invalidFields(problemOf(RecoveryRequests::linkToken, new JsonObject())));
    assertEquals(ProblemType.INVALID_TOKEN,
        problemOf(RecoveryRequests::linkToken, new JsonObject().put("token", "not-a-token")).type());
    String token = EmailLinks.generate().token();
    assertEquals(token, RecoveryRequests.linkToken(new JsonObject().put("token", token)));
  }

  @Test
  @DisplayName("the recovery settings default to a 24-hour verification link, a 30-minute reset link, one reset "
      + "message a minute and a 90-day network memory")
  void defaultsRecoverySettings() {
    AccountRecoveryConfig config = AccountRecoveryConfig.fromEnv(java.util.Map.of());
    assertEquals(java.time.Duration.ofHours(24), config.emailVerificationTtl());
    assertEquals(java.time.Duration.ofMinutes(30), config.resetLinkTtl());
    assertEquals(java.time.Duration.ofSeconds(60), config.resetThrottle());
    assertEquals(java.time.Duration.ofDays(90), config.knownNetworkMemory());
    assertEquals(java.time.Duration.ofMinutes(10), config.verificationResendInterval());
  }
}
