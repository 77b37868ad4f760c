package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Missing proof is refused before anything is checked, so the collaborators are never reached (they are null). */
class FreshProofTest {
  private final FreshProof proof = new FreshProof(null, null, null, null, null);

  private static SecondFactorStore.Account account(String method) {
    return new SecondFactorStore.Account(UUID.randomUUID(), "siti", "siti@example.id", true, "+6281234567890", true,
        "id", method, null, "active", List.of("user"), "$argon2id$...");
  }

  private static Problem refusal(Future<Void> checked) {
    assertTrue(checked.failed(), "a missing proof must be refused");
    return assertInstanceOf(ProblemException.class, checked.cause()).problem();
  }

  private Problem refusal(String method, JsonObject body) {
    return refusal(proof.check(account(method), body, RequestContext.of(body)));
  }

  @Test
  @DisplayName("an account without a second factor is asked for its password: 403 step-up-required, required password")
  void noFactorNeedsPassword() {
    Problem problem = refusal(SecondFactorStore.NONE, new JsonObject().put("code", "123456"));
    assertEquals(ProblemType.STEP_UP_REQUIRED, problem.type());
    assertEquals(FreshProof.REQUIRED_PASSWORD, problem.extensions().getString("required"));
  }

  @Test
  @DisplayName("a password beyond any allowed length is treated as no password, without hashing it")
  void oversizedPasswordIsNoProof() {
    Problem problem = refusal(SecondFactorStore.NONE, new JsonObject().put("password", "x".repeat(4 * 128 + 1)));
    assertEquals(ProblemType.STEP_UP_REQUIRED, problem.type());
    assertEquals(FreshProof.REQUIRED_PASSWORD, problem.extensions().getString("required"));
  }

  @Test
  @DisplayName("an authenticator account is asked for a code, and its password alone is not enough")
  void totpNeedsCode() {
    Problem problem = refusal(SecondFactorStore.TOTP, new JsonObject().put("password", "Kebun raya Bogor"));
    assertEquals(ProblemType.STEP_UP_REQUIRED, problem.type());
    assertEquals(FreshProof.REQUIRED_SECOND_FACTOR, problem.extensions().getString("required"));
  }

  @Test
  @DisplayName("an e-mail or SMS account needs both the step-up challenge and its code; the password is not enough")
  void codeMethodsNeedChallengeAndCode() {
    for (String method : List.of(SecondFactorStore.EMAIL, SecondFactorStore.SMS)) {
      for (JsonObject body : List.of(new JsonObject().put("password", "Kebun raya Bogor"),
          new JsonObject().put("code", "123456"), new JsonObject().put("challenge_id", "ch-1"))) {
        Problem problem = refusal(method, body);
        assertEquals(ProblemType.STEP_UP_REQUIRED, problem.type(), method + " " + body.fieldNames());
        assertEquals(FreshProof.REQUIRED_SECOND_FACTOR, problem.extensions().getString("required"));
      }
    }
  }
}
