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

  static LoginSubject unknown(String identifierHmac) {
    return new LoginSubject(identifierHmac, identifierHmac, null, null);
  }
}
