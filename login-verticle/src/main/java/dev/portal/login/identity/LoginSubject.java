package dev.portal.login.identity;

import java.util.UUID;

/**
 * Whose failure budget a login attempt spends: the account's (shared by all its identifiers), the
 * known device's when the attempt carries a valid device token for that account, or the HMAC of an
 * identifier that matched nothing (so unknown identifiers lock exactly like real ones).
 *
 * @param key the lock and guard subject in Redis
 * @param kafkaKey the subject key of the attempt's events: the account id, or the HMAC
 * @param deviceId the device token's device, or null
 */
record LoginSubject(String key, String kafkaKey, UUID accountId, String deviceId) {

  static LoginSubject account(UUID accountId) {
    return new LoginSubject(accountId.toString(), accountId.toString(), accountId, null);
  }

  static LoginSubject device(UUID accountId, String deviceId) {
    return new LoginSubject(accountId + ":device:" + deviceId, accountId.toString(), accountId, deviceId);
  }

  /**
   * The budget of codes given to reset the password of {@code subjectKey} (an account id, or the HMAC
   * of an identifier that matched nothing, for the stand-in challenge). Apart from the account's own,
   * because a reset lifts the account's lock and so cannot be held back by it; its events still count
   * toward that lock.
   */
  static LoginSubject resetCodes(String subjectKey, UUID accountId) {
    return new LoginSubject(subjectKey + ":reset", subjectKey, accountId, null);
  }

  static LoginSubject unknown(String identifierHmac) {
    return new LoginSubject(identifierHmac, identifierHmac, null, null);
  }
}
