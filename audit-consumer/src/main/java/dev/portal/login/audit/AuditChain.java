package dev.portal.login.audit;

import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tamper-evidence chain of the audit trail: each row's hash is SHA-256 over the previous row's
 * hash (of the same Kafka partition, in offset order) and a canonical JSON of the row's fields, so
 * editing, removing or reordering a stored row breaks every link after it.
 */
final class AuditChain {
  static final int HASH_BYTES = 32;
  /** The "previous hash" of the first row of a partition. */
  static final byte[] GENESIS = new byte[HASH_BYTES];

  private AuditChain() {
  }

  /** SHA-256(previous || canonical JSON of the row as stored). */
  static byte[] link(byte[] previous, SecurityEvent event, String topic, int partition, long offset) {
    MessageDigest sha256 = sha256();
    sha256.update(previous);
    sha256.update(canonical(event, topic, partition, offset).getBytes(StandardCharsets.UTF_8));
    return sha256.digest();
  }

  /**
   * The hashed text: fixed member order, keys of details sorted at every depth, numbers in one
   * plain form, and the time at PostgreSQL's microsecond precision, so the text rebuilt from a
   * stored row is byte for byte the text hashed when it was written.
   */
  static String canonical(SecurityEvent event, String topic, int partition, long offset) {
    return new JsonObject()
        .put("eventId", event.eventId().toString())
        .put("type", event.type())
        .put("schemaVersion", event.schemaVersion())
        .put("occurredAt", storedInstant(event.occurredAt()).toString())
        .put("accountId", event.accountId() == null ? null : event.accountId().toString())
        .put("subjectKey", event.subjectKey())
        .put("identifierKind", event.identifierKind())
        .put("ip", event.ip())
        .put("userAgent", event.userAgent())
        .put("requestId", event.requestId())
        .put("outcome", event.outcome())
        .put("reason", event.reason())
        .put("details", canonicalValue(event.details()))
        .put("topic", topic)
        .put("partition", partition)
        .put("offset", offset)
        .encode();
  }

  /** timestamptz keeps microseconds; what is written is truncated to them first. */
  static Instant storedInstant(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static Object canonicalValue(Object value) {
    if (value instanceof JsonObject object) {
      Map<String, Object> sorted = new TreeMap<>();
      object.forEach(entry -> sorted.put(entry.getKey(), canonicalValue(entry.getValue())));
      return new JsonObject(new java.util.LinkedHashMap<>(sorted));
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(element -> copy.add(canonicalValue(element)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      return canonicalValue(new JsonObject(castMap(map)));
    }
    if (value instanceof java.util.List<?> list) {
      return canonicalValue(new JsonArray(new java.util.ArrayList<>(list)));
    }
    if (value instanceof Number number) {
      // jsonb stores numbers as numeric: 1, 1.0 and 1e0 all come back the same, so they hash the same
      return new BigDecimal(new BigDecimal(number.toString()).stripTrailingZeros().toPlainString());
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  static byte[] fromHex(String hex) {
    return java.util.HexFormat.of().parseHex(hex);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
