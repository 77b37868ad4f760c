package dev.portal.login.identity;

import com.nimbusds.jose.jwk.ECKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A snapshot of the signing keys every instance shares, with when each signs and how long it stays
 * published. Which key signs is decided at the moment of signing, so all instances switch to a new
 * key when their clocks pass its {@code notBefore}, not when they happen to reload.
 */
final class SigningKeyRing {
  /** One key: signs from {@code notBefore}; published until {@code retireAfter} (null: not yet scheduled). */
  record SigningKey(ECKey key, Instant notBefore, Instant retireAfter) {
    boolean publishedAt(Instant now) {
      return retireAfter == null || retireAfter.isAfter(now);
    }

    @Override
    public String toString() {
      return "SigningKey[kid=" + key.getKeyID() + ", notBefore=" + notBefore + ", retireAfter=" + retireAfter + "]";
    }
  }

  private final List<SigningKey> keys;

  /** @param keys in any order; kept newest {@code notBefore} first (stable for equal times) */
  SigningKeyRing(List<SigningKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no signing key");
    }
    this.keys = keys.stream().sorted(Comparator.comparing(SigningKey::notBefore).reversed()).toList();
  }

  /** Keys without a schedule, the first signing: what a fixed set of keys (e.g. in a test) means. */
  static SigningKeyRing of(List<ECKey> keys) {
    return new SigningKeyRing(keys.stream().map(key -> new SigningKey(key, Instant.EPOCH, null)).toList());
  }

  /** The key to sign with now: the newest that has started; the oldest if none has (a clock set back). */
  SigningKey signingKeyAt(Instant now) {
    return keys.stream()
        .filter(key -> !key.notBefore().isAfter(now) && key.publishedAt(now))
        .findFirst()
        .orElse(keys.get(keys.size() - 1));
  }

  /** Keys a verifier needs now: the signing one, the next (published ahead), and old ones until retired. */
  List<SigningKey> publishedAt(Instant now) {
    return keys.stream().filter(key -> key.publishedAt(now)).toList();
  }

  /** {keys: [public JWKs]}, newest first. */
  JsonObject jwksAt(Instant now) {
    JsonArray published = new JsonArray();
    publishedAt(now).forEach(key -> published.add(new JsonObject(key.key().toPublicJWK().toJSONObject())));
    return new JsonObject().put("keys", published);
  }
}
