package dev.portal.login.identity;

import dev.portal.login.contracts.IdentifierKind;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads and writes accounts and their identifiers in the identity schema. */
final class AccountStore {
  private final Pool pool;

  AccountStore(Pool pool) {
    this.pool = pool;
  }

  /** Inserts the account row inside the caller's transaction. */
  Future<AccountView> insertAccount(SqlClient tx, UUID id, NewAccount account, String passwordHash,
      List<String> roles, Instant now) {
    Tuple params = Tuple.tuple()
        .addUUID(id)
        .addString(account.username())
        .addString(account.email())
        .addString(account.phone())
        .addString(account.nationalId())
        .addString(account.employerNumber())
        .addString(account.locale())
        .addString(passwordHash)
        .addArrayOfString(roles.toArray(String[]::new))
        .addString(AccountCredentials.ACTIVE)
        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC));
    return tx.preparedQuery(IdentitySql.INSERT_ACCOUNT).execute(params)
        .map(rows -> new AccountView(id, account.username(), account.email(), account.phone(),
            account.nationalId(), account.employerNumber(), account.locale(), List.copyOf(roles),
            AccountCredentials.ACTIVE, now));
  }

  /**
   * Inserts every identifier that is still free, inside the caller's transaction.
   *
   * @return the kinds that another account already holds (empty when all were free)
   */
  Future<Set<IdentifierKind>> insertIdentifiers(SqlClient tx, UUID accountId, Map<IdentifierKind, String> identifiers) {
    List<String> kinds = new ArrayList<>();
    List<String> values = new ArrayList<>();
    identifiers.forEach((kind, value) -> {
      kinds.add(kind.wireName());
      values.add(value);
    });
    Tuple params = Tuple.tuple()
        .addArrayOfString(kinds.toArray(String[]::new))
        .addArrayOfString(values.toArray(String[]::new))
        .addUUID(accountId);
    return tx.preparedQuery(IdentitySql.INSERT_IDENTIFIERS).execute(params)
        .map(rows -> {
          Set<String> inserted = new java.util.HashSet<>();
          rows.forEach(row -> inserted.add(row.getString("kind")));
          return identifiers.keySet().stream()
              .filter(kind -> !inserted.contains(kind.wireName()))
              .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(IdentifierKind.class)));
        });
  }

  /** @return null when no account has this identifier */
  Future<AccountCredentials> findCredentials(Identifier identifier) {
    return pool.preparedQuery(IdentitySql.FIND_CREDENTIALS_BY_IDENTIFIER)
        .execute(Tuple.of(identifier.kind().wireName(), identifier.value()))
        .map(rows -> rows.size() == 0 ? null : credentials(rows.iterator().next()));
  }

  /** @return null when there is no such account */
  Future<AccountCredentials> findCredentials(UUID accountId) {
    return pool.preparedQuery(IdentitySql.FIND_CREDENTIALS_BY_ID).execute(Tuple.of(accountId))
        .map(rows -> rows.size() == 0 ? null : credentials(rows.iterator().next()));
  }

  private static AccountCredentials credentials(Row row) {
    return new AccountCredentials(row.getUUID("id"), row.getString("password_hash"), roles(row),
        row.getString("status"), row.getString("mfa_method"), row.getBoolean("email_verified"));
  }

  /** @return null when there is no such account */
  Future<AccountView> findView(UUID accountId) {
    return pool.preparedQuery(IdentitySql.FIND_ACCOUNT_BY_ID).execute(Tuple.of(accountId))
        .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
  }

  Future<Boolean> accountExists(UUID accountId) {
    return pool.preparedQuery(IdentitySql.ACCOUNT_EXISTS).execute(Tuple.of(accountId)).map(rows -> rows.size() > 0);
  }

  /** @return false when there is no such account */
  Future<Boolean> setStatus(UUID accountId, String status, Instant now) {
    return pool.preparedQuery(IdentitySql.SET_ACCOUNT_STATUS)
        .execute(Tuple.of(accountId, status, now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.size() > 0);
  }

  Future<Boolean> identifierExists(IdentifierKind kind, String value) {
    return pool.preparedQuery(IdentitySql.IDENTIFIER_EXISTS).execute(Tuple.of(kind.wireName(), value))
        .map(rows -> rows.size() > 0);
  }

  private static AccountView view(Row row) {
    return new AccountView(
        row.getUUID("id"),
        row.getString("username"),
        row.getString("email"),
        row.getString("phone"),
        row.getString("national_id"),
        row.getString("employer_number"),
        row.getString("locale"),
        roles(row),
        row.getString("status"),
        row.getOffsetDateTime("created_at").toInstant());
  }

  private static List<String> roles(Row row) {
    String[] roles = row.getArrayOfStrings("roles");
    return roles == null ? List.of() : Arrays.asList(roles);
  }
}
