package dev.portal.login.consumer;

import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Turns the value of a Kafka record into what a consumer handles, or rejects it so it is
 * dead-lettered. Readers chain: each step sees only what the step before accepted.
 */
@FunctionalInterface
public interface RecordReader<T> {
  String EMPTY_VALUE = "empty-value";
  String NOT_UTF8 = "not-utf8";
  String NOT_JSON = "not-json";
  String NOT_JSON_OBJECT = "not-json-object";
  String INVALID_EVENT = "invalid-event";

  RecordVerdict<T> read(byte[] value);

  /** This reader followed by {@code next}, applied to what this one accepts. */
  default <U> RecordReader<U> then(Function<? super T, RecordVerdict<U>> next) {
    return value -> {
      RecordVerdict<T> first = read(value);
      if (first instanceof RecordVerdict.Accepted<T> accepted) {
        return next.apply(accepted.value());
      }
      return RecordVerdict.rejected(((RecordVerdict.Rejected<T>) first).reason());
    };
  }

  /** Accepts a UTF-8 JSON object, unchanged. */
  static RecordReader<JsonObject> jsonObject() {
    return JsonObjectReader::read;
  }

  /** Accepts a JSON object that {@link SecurityEvent#fromJson} can read. */
  static RecordReader<SecurityEvent> securityEvent() {
    return jsonObject().then(json -> {
      try {
        return RecordVerdict.accepted(SecurityEvent.fromJson(json));
      } catch (IllegalArgumentException e) {
        return RecordVerdict.rejected(INVALID_EVENT);
      }
    });
  }
}
