package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Turns an authenticator app on: after a {@link FreshProof} (so a stolen access token cannot swap the
 * second factor), a new secret is kept sealed in Redis for a few minutes as pending, shown once
 * (base32, otpauth URI, QR code), and becomes the account's method only when a code from the app
 * proves it was set up; ten new recovery codes are then shown once and stored hashed.
 */
final class TotpEnrolment {
  static final int SECRET_BYTES = 20;
  private static final int QR_SIZE = 240;

  private final Vertx vertx;
  private final RedisAPI redis;
  private final SecondFactorStore store;
  private final FreshProof proof;
  private final SecretSealer sealer;
  private final RecoveryCodes recoveryCodes;
  private final AuthenticatorCodes authenticator;
  private final SecondFactorEvents events;
  private final SecondFactorConfig config;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  TotpEnrolment(Vertx vertx, RedisAPI redis, SecondFactorStore store, FreshProof proof, SecretSealer sealer,
      RecoveryCodes recoveryCodes, AuthenticatorCodes authenticator, SecondFactorEvents events,
      SecondFactorConfig config, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.store = store;
    this.proof = proof;
    this.sealer = sealer;
    this.recoveryCodes = recoveryCodes;
    this.authenticator = authenticator;
    this.events = events;
    this.config = config;
    this.clock = clock;
  }

  /**
   * identity.totp.enrol: {accountId, password? | code? (+ challenge_id)} -> {secret, otpauth_uri, qr_png};
   * replaces any pending secret. Nothing is drawn or kept until the proof has passed.
   */
  Future<JsonObject> enrol(JsonObject body) {
    UUID accountId = SecondFactorService.accountIdOf(body);
    return SecondFactorService.existing(store.find(accountId))
        .compose(account -> proof.check(account, body, RequestContext.of(body)).map(account))
        .compose(account -> {
          byte[] secret = new byte[SECRET_BYTES];
          random.nextBytes(secret);
          String encoded = Base32.encode(secret, false);
          String uri = otpauthUri(config.totpIssuer(), account.username(), encoded);
          return drawQrCode(uri)
              .compose(qr -> keepPending(accountId, secret).map(v -> new JsonObject().put("secret", encoded)
                  .put("otpauth_uri", uri).put("qr_png", qr)));
        });
  }

  // drawing and PNG-encoding takes milliseconds of CPU; unordered, so it waits behind no other blocking task
  private Future<String> drawQrCode(String uri) {
    return vertx.executeBlocking(() -> QrCodes.pngDataUri(uri, QR_SIZE), false);
  }

  private Future<Void> keepPending(UUID accountId, byte[] secret) {
    byte[] sealed = sealer.seal(secret, AuthenticatorCodes.secretBinding(accountId));
    return redis.set(List.of(RedisKeys.totpPending(accountId.toString()),
            Base64.getEncoder().encodeToString(sealed), "PX", Long.toString(config.totpEnrolmentTtl().toMillis())))
        .mapEmpty();
  }

  /** identity.totp.confirm: {accountId, code} -> {method: "totp", recovery_codes: [10]}. */
  Future<JsonObject> confirm(JsonObject body) {
    UUID accountId = SecondFactorService.accountIdOf(body);
    List<Problem.FieldError> errors = new ArrayList<>();
    String code = SecondFactorLogin.requiredText(body, "code", errors);
    if (!errors.isEmpty()) {
      return Future.failedFuture(new ProblemException(Problem.validation(errors)));
    }
    String pendingKey = RedisKeys.totpPending(accountId.toString());
    return redis.get(pendingKey).compose(pending -> {
      if (pending == null) {
        return Future.failedFuture(new ProblemException(ProblemType.CHALLENGE_EXPIRED,
            "No authenticator set-up is waiting for confirmation. Start again."));
      }
      byte[] sealed = Base64.getDecoder().decode(pending.toString());
      byte[] secret = sealer.open(sealed, AuthenticatorCodes.secretBinding(accountId));
      String normalised = OneTimeCodes.normalise(code);
      Future<Boolean> right = normalised == null ? Future.succeededFuture(false)
          : authenticator.acceptTotp(accountId, secret, normalised);
      return right.compose(ok -> ok ? turnOn(accountId, sealed, pendingKey, RequestContext.of(body))
          : Future.failedFuture(new ProblemException(Problem.of(ProblemType.INVALID_CODE,
              "The code does not match. Check the time on your phone and enter the code the app shows now."))));
    });
  }

  private Future<JsonObject> turnOn(UUID accountId, byte[] sealed, String pendingKey, RequestContext context) {
    List<String> codes = recoveryCodes.generate();
    List<byte[]> hashes = codes.stream()
        .map(code -> recoveryCodes.hash(accountId, RecoveryCodes.normalise(code))).toList();
    return SecondFactorService.existing(store.find(accountId))
        .compose(account -> store.enableTotp(accountId, sealed, hashes, clock.instant())
            .compose(v -> redis.del(List.of(pendingKey)))
            .compose(v -> events.record(EventTypes.MFA_METHOD_CHANGED, accountId, null, null,
                new JsonObject().put("method", SecondFactorStore.TOTP).put("previous", account.method()), context)))
        .map(v -> new JsonObject().put("method", SecondFactorStore.TOTP).put("recovery_codes", new JsonArray(codes)));
  }

  /** otpauth://totp/Issuer:username?secret=..&issuer=..&algorithm=SHA1&digits=6&period=30 (Key Uri Format). */
  static String otpauthUri(String issuer, String username, String base32Secret) {
    return "otpauth://totp/" + encode(issuer) + ":" + encode(username)
        + "?secret=" + base32Secret
        + "&issuer=" + encode(issuer)
        + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.PERIOD_SECONDS;
  }

  private static String encode(String text) {
    // URLEncoder writes form encoding; a URI path and query want %20 for a space
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
