package dev.portal.login.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token signing keys every instance shares, in PostgreSQL: reads them and, when the schedule
 * says so, creates the next key or gives old ones their retirement time. Changes run under a
 * transaction-scoped advisory lock, so instances doing this at the same moment agree on one key.
 * Private keys are stored sealed under the key-encryption key.
 */
final class SigningKeyStore {
  private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);
  /** Advisory lock id: any constant unique within this database; "SIGNKEY1" in ASCII. */
  static final long SIGNING_KEY_LOCK = 0x5349474E4B455931L;

  private final Pool pool;
  private final SecretSealer sealer;
  private final SigningKeySchedule schedule;
  private final Clock clock;

  SigningKeyStore(Pool pool, SecretSealer sealer, SigningKeySchedule schedule, Clock clock) {
    this.pool = pool;
    this.sealer = sealer;
    this.schedule = schedule;
    this.clock = clock;
  }

  /** Brings the stored keys up to the schedule and returns them: the current ring. */
  Future<SigningKeyRing> maintain() {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> lock(tx)
        .compose(v -> liveRows(tx, now))
        .compose(rows -> apply(tx, schedule.plan(times(rows), now), now)
            .compose(changed -> changed ? liveRows(tx, now) : Future.succeededFuture(rows))))
        .map(this::ring);
  }

  private Future<Void> lock(SqlConnection tx) {
    return tx.preparedQuery(IdentitySql.LOCK_SIGNING_KEYS).execute(Tuple.of(SIGNING_KEY_LOCK)).mapEmpty();
  }

  private Future<List<Row>> liveRows(SqlConnection tx, Instant now) {
    return tx.preparedQuery(IdentitySql.SELECT_LIVE_SIGNING_KEYS).execute(Tuple.of(utc(now)))
        .map(SigningKeyStore::rows);
  }

  private Future<Boolean> apply(SqlConnection tx, SigningKeySchedule.Plan plan, Instant now) {
    Future<Void> done = Future.succeededFuture();
    for (Map.Entry<String, Instant> retirement : plan.retirements().entrySet()) {
      done = done.compose(v -> retire(tx, retirement.getKey(), retirement.getValue()));
    }
    if (plan.newKeyNotBefore().isPresent()) {
      Instant notBefore = plan.newKeyNotBefore().get();
      done = done.compose(v -> insertNewKey(tx, now, notBefore));
    }
    return done.map(v -> plan.changesAnything());
  }

  private Future<Void> retire(SqlConnection tx, String kid, Instant retireAfter) {
    return tx.preparedQuery(IdentitySql.RETIRE_SIGNING_KEY).execute(Tuple.of(kid, utc(retireAfter)))
        .onSuccess(rows -> log.info("Signing key {} stopped signing; published until {}", kid, retireAfter))
        .mapEmpty();
  }

  private Future<Void> insertNewKey(SqlConnection tx, Instant now, Instant notBefore) {
    ECKey key = generateKey();
    byte[] sealed = sealer.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8), associatedData(key.getKeyID()));
    Tuple params = Tuple.tuple()
        .addString(key.getKeyID())
        .addString(JWSAlgorithm.ES256.getName())
        .addValue(new JsonObject(key.toPublicJWK().toJSONObject()))
        .addBuffer(Buffer.buffer(sealed))
        .addOffsetDateTime(utc(now))
        .addOffsetDateTime(utc(notBefore));
    return tx.preparedQuery(IdentitySql.INSERT_SCHEDULED_SIGNING_KEY).execute(params)
        .onSuccess(rows -> log.info("Created token signing key {}, signing from {}", key.getKeyID(), notBefore))
        .mapEmpty();
  }

  private static List<Row> rows(RowSet<Row> rowSet) {
    List<Row> rows = new ArrayList<>();
    rowSet.forEach(rows::add);
    return rows;
  }

  private static List<SigningKeySchedule.KeyTimes> times(List<Row> rows) {
    return rows.stream()
        .map(row -> new SigningKeySchedule.KeyTimes(row.getString("kid"), instant(row, "not_before"),
            instant(row, "retire_after")))
        .toList();
  }

  private SigningKeyRing ring(List<Row> rows) {
    return new SigningKeyRing(rows.stream()
        .map(row -> new SigningKeyRing.SigningKey(unseal(row), instant(row, "not_before"),
            instant(row, "retire_after")))
        .toList());
  }

  private ECKey unseal(Row row) {
    String kid = row.getString("kid");
    byte[] json = sealer.open(row.getBuffer("private_jwk_sealed").getBytes(), associatedData(kid));
    try {
      return ECKey.parse(new String(json, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new IllegalStateException("signing key " + kid + " is not a valid EC JWK");
    }
  }

  /** A fresh P-256 key whose kid is its RFC 7638 thumbprint. */
  static ECKey generateKey() {
    try {
      ECKey key = new ECKeyGenerator(Curve.P_256)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .generate();
      return new ECKey.Builder(key).keyIDFromThumbprint().build();
    } catch (JOSEException e) {
      throw new IllegalStateException("P-256 key generation is not available", e);
    }
  }

  private static byte[] associatedData(String kid) {
    return ("signing_key:" + kid).getBytes(StandardCharsets.UTF_8);
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
