package dev.portal.login.identity;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** E-mail links and the account columns of verification and passwords, in the identity schema. */
final class RecoveryStore {
  /** The account and address a link was sent to. */
  record LinkOwner(UUID accountId, String email) {
  }

  private final Pool pool;

  RecoveryStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<Void> insertLink(SqlClient client, byte[] tokenHash, UUID accountId, String purpose, String email,
      Instant now, Instant expiresAt) {
    return client.preparedQuery(RecoverySql.INSERT_EMAIL_LINK)
        .execute(Tuple.of(Buffer.buffer(tokenHash), accountId, purpose, email, utc(now), utc(expiresAt)))
        .mapEmpty();
  }

  /** @return null when no live link of this purpose has the token */
  Future<LinkOwner> findLiveLink(byte[] tokenHash, String purpose, Instant now) {
    return pool.preparedQuery(RecoverySql.FIND_LIVE_LINK)
        .execute(Tuple.of(Buffer.buffer(tokenHash), purpose, utc(now)))
        .map(rows -> rows.size() == 0 ? null : owner(rows.iterator().next()));
  }

  /** @return null when the link is unknown, expired or already used (then nothing changed) */
  Future<LinkOwner> spendLink(SqlClient client, byte[] tokenHash, String purpose, Instant now) {
    return client.preparedQuery(RecoverySql.SPEND_LINK)
        .execute(Tuple.of(Buffer.buffer(tokenHash), purpose, utc(now)))
        .map(rows -> rows.size() == 0 ? null : owner(rows.iterator().next()));
  }

  Future<Void> spendOpenLinks(SqlClient client, UUID accountId, String purpose, Instant now) {
    return client.preparedQuery(RecoverySql.SPEND_OPEN_LINKS).execute(Tuple.of(accountId, purpose, utc(now)))
        .mapEmpty();
  }

  /** @return false when the account no longer has this address */
  Future<Boolean> markEmailVerified(SqlClient client, UUID accountId, String email, Instant now) {
    return client.preparedQuery(RecoverySql.MARK_EMAIL_VERIFIED).execute(Tuple.of(accountId, email, utc(now)))
        .map(rows -> rows.size() > 0);
  }

  /** @return false when there is no such account */
  Future<Boolean> setPassword(SqlClient client, UUID accountId, String passwordHash, Instant now) {
    return client.preparedQuery(RecoverySql.SET_PASSWORD).execute(Tuple.of(accountId, passwordHash, utc(now)))
        .map(rows -> rows.size() > 0);
  }

  /** @return null when there is no such account */
  Future<RecoveryAccount> findAccount(UUID accountId) {
    return pool.preparedQuery(RecoverySql.FIND_RECOVERY_ACCOUNT).execute(Tuple.of(accountId))
        .map(rows -> rows.size() == 0 ? null : account(rows.iterator().next()));
  }

  /** @return null when there is no such account */
  Future<AccountView> findView(UUID accountId) {
    return pool.preparedQuery(RecoverySql.FIND_ACCOUNT_VIEW).execute(Tuple.of(accountId))
        .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
  }

  private static LinkOwner owner(Row row) {
    return new LinkOwner(row.getUUID("account_id"), row.getString("email"));
  }

  private static RecoveryAccount account(Row row) {
    return new RecoveryAccount(
        row.getUUID("id"),
        row.getString("username"),
        row.getString("email"),
        row.getValue("email_verified_at") != null,
        row.getString("phone"),
        row.getValue("phone_verified_at") != null,
        row.getString("mfa_method"),
        row.getString("locale"),
        row.getString("password_hash"),
        row.getString("status"));
  }

  private static AccountView view(Row row) {
    String[] roles = row.getArrayOfStrings("roles");
    return new AccountView(
        row.getUUID("id"),
        row.getString("username"),
        row.getString("email"),
        row.getString("phone"),
        row.getString("national_id"),
        row.getString("employer_number"),
        row.getString("locale"),
        roles == null ? List.of() : Arrays.asList(roles),
        row.getString("status"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getValue("email_verified_at") != null,
        row.getString("mfa_method"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
