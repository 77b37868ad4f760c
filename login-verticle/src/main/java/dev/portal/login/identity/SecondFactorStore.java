package dev.portal.login.identity;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads and writes the second-factor state of accounts in the identity schema. */
final class SecondFactorStore {
  static final String NONE = "none";
  static final String EMAIL = "email";
  static final String SMS = "sms";
  static final String TOTP = "totp";
  static final List<String> METHODS = List.of(NONE, EMAIL, SMS, TOTP);

  /** What the second-factor paths need of an account; the password hash only for a step-up by password. */
  record Account(UUID accountId, String username, String email, boolean emailVerified, String phone,
      boolean phoneVerified, String locale, String method, byte[] totpSecretSealed, String status, List<String> roles,
      String passwordHash) {
    @Override
    public String toString() {
      return "SecondFactorStore.Account[accountId=" + accountId + ", method=" + method + ", status=" + status + "]";
    }
  }

  private final Pool pool;

  SecondFactorStore(Pool pool) {
    this.pool = pool;
  }

  /** @return null when there is no such account */
  Future<Account> find(UUID accountId) {
    return pool.preparedQuery(SecondFactorSql.FIND_ACCOUNT).execute(Tuple.of(accountId))
        .map(rows -> rows.size() == 0 ? null : account(rows.iterator().next()));
  }

  /** Sets the method; leaving totp drops its secret and recovery codes. */
  Future<Void> setMethod(UUID accountId, String method, Instant now) {
    return pool.withTransaction(tx -> tx.preparedQuery(SecondFactorSql.SET_METHOD)
        .execute(Tuple.of(accountId, method, now.atOffset(ZoneOffset.UTC)))
        .compose(updated -> TOTP.equals(method) ? Future.succeededFuture()
            : tx.preparedQuery(SecondFactorSql.DELETE_RECOVERY_CODES).execute(Tuple.of(accountId)))
        .mapEmpty());
  }

  /** Turns the authenticator on with its sealed secret, replacing every recovery code by the new ones. */
  Future<Void> enableTotp(UUID accountId, byte[] sealedSecret, List<byte[]> recoveryCodeHashes, Instant now) {
    Buffer[] hashes = recoveryCodeHashes.stream().map(Buffer::buffer).toArray(Buffer[]::new);
    return pool.withTransaction(tx -> tx.preparedQuery(SecondFactorSql.ENABLE_TOTP)
        .execute(Tuple.of(accountId, Buffer.buffer(sealedSecret), now.atOffset(ZoneOffset.UTC)))
        .compose(v -> tx.preparedQuery(SecondFactorSql.DELETE_RECOVERY_CODES).execute(Tuple.of(accountId)))
        .compose(v -> tx.preparedQuery(SecondFactorSql.INSERT_RECOVERY_CODES)
            .execute(Tuple.of(accountId, hashes, now.atOffset(ZoneOffset.UTC))))
        .mapEmpty());
  }

  /** @return the unused codes left after spending this one, or -1 when it was not an unused code of the account */
  Future<Integer> useRecoveryCode(UUID accountId, byte[] codeHash, Instant now) {
    return pool.preparedQuery(SecondFactorSql.USE_RECOVERY_CODE)
        .execute(Tuple.of(accountId, Buffer.buffer(codeHash), now.atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          Row row = rows.iterator().next();
          long used = row.getLong("used");
          return used == 0 ? -1 : (int) (row.getLong("unused") - used);
        });
  }

  Future<Integer> recoveryCodesLeft(UUID accountId) {
    return pool.preparedQuery(SecondFactorSql.COUNT_RECOVERY_CODES).execute(Tuple.of(accountId))
        .map(rows -> rows.iterator().next().getLong("unused").intValue());
  }

  Future<Void> setVerifiedPhone(UUID accountId, String phone, Instant now) {
    return pool.preparedQuery(SecondFactorSql.SET_VERIFIED_PHONE)
        .execute(Tuple.of(accountId, phone, now.atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  private static Account account(Row row) {
    Buffer sealed = row.getBuffer("totp_secret_sealed");
    String[] roles = row.getArrayOfStrings("roles");
    return new Account(row.getUUID("id"), row.getString("username"), row.getString("email"),
        row.getBoolean("email_verified"), row.getString("phone"), row.getBoolean("phone_verified"),
        row.getString("locale"), row.getString("mfa_method"), sealed == null ? null : sealed.getBytes(),
        row.getString("status"), roles == null ? List.of() : Arrays.asList(roles), row.getString("password_hash"));
  }
}
