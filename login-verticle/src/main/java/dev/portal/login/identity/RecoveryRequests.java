package dev.portal.login.identity;

import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Validates the bodies of e-mail verification, forgot, reset and change requests (member names as
 * the HTTP API spells them), reporting every invalid field at once like {@link InputRules}. Only
 * shape is checked here; the password policy needs the account and is applied by the services.
 */
final class RecoveryRequests {
  static final int CODE_MAX = 64;
  static final Set<String> RESET_CHANNELS = Set.of(Notification.EMAIL, Notification.SMS);

  /** identity.password.forgot. */
  record Forgot(Identifier identifier, String channel) {
    @Override
    public String toString() {
      return "Forgot[kind=" + identifier.kind().wireName() + ", channel=" + channel + "]";
    }
  }

  /** identity.password.reset: either {@code token}, or {@code challengeId} and {@code code}. */
  record Reset(String token, String challengeId, String code, String newPassword, String secondFactor) {
    boolean byLink() {
      return token != null;
    }

    @Override
    public String toString() {
      return "Reset[byLink=" + byLink() + ", ***]";
    }
  }

  /** identity.password.change. */
  record Change(String currentPassword, String newPassword, boolean logOutOthers) {
    @Override
    public String toString() {
      return "Change[logOutOthers=" + logOutOthers + ", ***]";
    }
  }

  private RecoveryRequests() {
  }

  static Forgot forgot(JsonObject body) {
    InputRules.Fields fields = new InputRules.Fields(body);
    String identifier = fields.required("identifier", InputRules::loginIdentifier);
    String channel = fields.optional("channel", RecoveryRequests::channel);
    fields.throwIfInvalid();
    return new Forgot(Identifier.classify(identifier), channel == null ? Notification.EMAIL : channel);
  }

  static Reset reset(JsonObject body) {
    InputRules.Fields fields = new InputRules.Fields(body);
    String token = fields.optional("token", RecoveryRequests::opaque);
    String challengeId = fields.optional("challenge_id", RecoveryRequests::opaque);
    String code = fields.optional("code", RecoveryRequests::opaque);
    String newPassword = fields.required("new_password", InputRules::password);
    String secondFactor = fields.optional("second_factor", RecoveryRequests::opaque);
    if (token != null && (challengeId != null || code != null)) {
      fields.reject("token", "give either token, or challenge_id and code, not both");
    } else if (token == null && (challengeId == null || code == null)) {
      fields.reject(challengeId == null ? "challenge_id" : "code",
          "is required unless a token from a reset link is given");
    }
    fields.throwIfInvalid();
    return new Reset(token, challengeId, code, newPassword, secondFactor);
  }

  static Change change(JsonObject body) {
    InputRules.Fields fields = new InputRules.Fields(body);
    String current = fields.required("current_password", InputRules::loginPassword);
    String newPassword = fields.required("new_password", InputRules::password);
    boolean logOutOthers = fields.flag("log_out_others", false);
    fields.throwIfInvalid();
    return new Change(current, newPassword, logOutOthers);
  }

  /**
   * The token of a verification or reset link. Missing is a bad request; present but not shaped like
   * one of ours is an invalid link (410), answered without a lookup.
   */
  static String linkToken(JsonObject body) {
    InputRules.Fields fields = new InputRules.Fields(body);
    String token = fields.required("token", RecoveryRequests::opaque);
    fields.throwIfInvalid();
    if (!EmailLinks.wellFormed(token)) {
      throw invalidToken();
    }
    return token;
  }

  static ProblemException invalidToken() {
    return new ProblemException(ProblemType.INVALID_TOKEN,
        "This link is not valid: it may have expired or been used already. Ask for a new one.");
  }

  private static String channel(String raw) {
    String value = raw.trim();
    if (!RESET_CHANNELS.contains(value)) {
      throw new InputRules.InvalidField("must be email or sms");
    }
    return value;
  }

  private static String opaque(String raw) {
    String value = raw.trim();
    if (value.isEmpty()) {
      throw new InputRules.InvalidField("must not be empty");
    }
    if (value.length() > CODE_MAX) {
      throw new InputRules.InvalidField("must be at most " + CODE_MAX + " characters");
    }
    return value;
  }
}
