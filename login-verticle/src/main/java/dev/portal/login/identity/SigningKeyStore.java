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
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the token signing keys every instance shares, creating the first one when there is none.
 * Creation runs under a transaction-scoped advisory lock, so instances starting together end up
 * with one key. Private keys are stored sealed under the key-encryption key.
 */
final class SigningKeyStore {
  private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);
  /** Advisory lock id: any constant unique within this database; "SIGNKEY1" in ASCII. */
  static final long SIGNING_KEY_LOCK = 0x5349474E4B455931L;

  private final Pool pool;
  private final SecretSealer sealer;
  private final Clock clock;

  SigningKeyStore(Pool pool, SecretSealer sealer, Clock clock) {
    this.pool = pool;
    this.sealer = sealer;
    this.clock = clock;
  }

  /** @return the usable keys, newest (the one to sign with) first */
  Future<List<ECKey>> loadOrCreate() {
    return pool.withTransaction(tx -> lock(tx)
        .compose(v -> usableKeys(tx))
        .compose(keys -> keys.isEmpty() ? insertNewKey(tx).map(List::of) : Future.succeededFuture(keys)));
  }

  private Future<Void> lock(SqlConnection tx) {
    return tx.preparedQuery(IdentitySql.LOCK_SIGNING_KEYS).execute(Tuple.of(SIGNING_KEY_LOCK)).mapEmpty();
  }

  private Future<List<ECKey>> usableKeys(SqlConnection tx) {
    return tx.preparedQuery(IdentitySql.SELECT_USABLE_SIGNING_KEYS).execute(Tuple.of(now()))
        .map(rows -> {
          List<ECKey> keys = new ArrayList<>();
          rows.forEach(row -> keys.add(unseal(row)));
          return keys;
        });
  }

  private Future<ECKey> insertNewKey(SqlConnection tx) {
    ECKey key = generateKey();
    byte[] sealed = sealer.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8), associatedData(key.getKeyID()));
    Tuple params = Tuple.tuple()
        .addString(key.getKeyID())
        .addString(JWSAlgorithm.ES256.getName())
        .addValue(new JsonObject(key.toPublicJWK().toJSONObject()))
        .addBuffer(Buffer.buffer(sealed))
        .addOffsetDateTime(now());
    return tx.preparedQuery(IdentitySql.INSERT_SIGNING_KEY).execute(params)
        .map(rows -> {
          log.info("Created token signing key {}", key.getKeyID());
          return key;
        });
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

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }
}
