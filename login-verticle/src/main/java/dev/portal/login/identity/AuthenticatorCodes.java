package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Checks what a person with an authenticator app gives: a TOTP code of the account's confirmed secret,
 * accepted once only (its time step is claimed in Redis atomically), or one of its unused recovery
 * codes (spent in PostgreSQL, announced as mfa.recovery_code_used). Says only yes or no; counting a
 * wrong code is the caller's business.
 */
final class AuthenticatorCodes {
  /** Steps kept beyond the window, so a code cannot come back once its step left the window. */
  private static final long KEPT_STEPS = 2L * Totp.WINDOW + 1;

  private final SecondFactorStore store;
  private final SecretSealer sealer;
  private final RecoveryCodes recoveryCodes;
  private final RedisAPI redis;
  private final SecondFactorEvents events;
  private final Clock clock;

  AuthenticatorCodes(SecondFactorStore store, SecretSealer sealer, RecoveryCodes recoveryCodes, RedisAPI redis,
      SecondFactorEvents events, Clock clock) {
    this.store = store;
    this.sealer = sealer;
    this.recoveryCodes = recoveryCodes;
    this.redis = redis;
    this.events = events;
    this.clock = clock;
  }

  /** Associated data of a sealed TOTP secret: it opens only as the secret of this account. */
  static byte[] secretBinding(UUID accountId) {
    return ("totp:" + accountId).getBytes(StandardCharsets.UTF_8);
  }

  /** True when {@code presented} is a fresh TOTP code or an unused recovery code of an account using totp. */
  Future<Boolean> accept(UUID accountId, String presented, RequestContext context) {
    return store.find(accountId).compose(account -> {
      if (account == null || !SecondFactorStore.TOTP.equals(account.method()) || account.totpSecretSealed() == null) {
        return Future.succeededFuture(false);
      }
      String code = OneTimeCodes.normalise(presented);
      if (code != null) {
        byte[] secret = sealer.open(account.totpSecretSealed(), secretBinding(accountId));
        return acceptTotp(accountId, secret, code);
      }
      String recovery = RecoveryCodes.normalise(presented);
      return recovery == null ? Future.succeededFuture(false) : acceptRecovery(accountId, recovery, context);
    });
  }

  /** A TOTP code of {@code secret}, each time step accepted once per account. */
  Future<Boolean> acceptTotp(UUID accountId, byte[] secret, String code) {
    OptionalLong step = Totp.matchingStep(secret, code, clock.millis());
    if (step.isEmpty()) {
      return Future.succeededFuture(false);
    }
    long ttlSeconds = (KEPT_STEPS + 1) * Totp.PERIOD_SECONDS;
    return ChallengeScripts.CLAIM_TOTP_STEP.run(redis, List.of(RedisKeys.totpUsedSteps(accountId.toString())),
            List.of(Long.toString(step.getAsLong()), Long.toString(Totp.stepAt(clock.millis()) - KEPT_STEPS),
                Long.toString(ttlSeconds)))
        .map(claimed -> claimed.toInteger() == 1);
  }

  private Future<Boolean> acceptRecovery(UUID accountId, String code, RequestContext context) {
    return store.useRecoveryCode(accountId, recoveryCodes.hash(accountId, code), clock.instant())
        .compose(left -> left < 0 ? Future.succeededFuture(false)
            : events.record(EventTypes.MFA_RECOVERY_CODE_USED, accountId, null, null,
                new JsonObject().put("remaining", left), context).map(true));
  }
}
