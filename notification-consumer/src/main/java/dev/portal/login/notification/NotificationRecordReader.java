package dev.portal.login.notification;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether the value of a Kafka record is a notification message (a JSON object; the
 * fields of each kind of message arrive with the issues that send them), and if it is not, names
 * why in a short, stable reason that carries none of the record's contents, which may be sealed
 * secrets.
 */
final class NotificationRecordReader {
  static final String EMPTY_VALUE = "empty-value";
  static final String NOT_UTF8 = "not-utf8";
  static final String NOT_JSON = "not-json";
  static final String NOT_JSON_OBJECT = "not-json-object";

  /** What became of one record. */
  sealed interface Verdict permits Accepted, Rejected {
  }

  record Accepted(JsonObject message) implements Verdict {
  }

  record Rejected(String reason) implements Verdict {
  }

  private NotificationRecordReader() {
  }

  static Verdict read(byte[] value) {
    if (value == null || value.length == 0) {
      return new Rejected(EMPTY_VALUE);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return new Rejected(NOT_UTF8);
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(text);
    } catch (DecodeException e) {
      return new Rejected(NOT_JSON);
    }
    if (!(decoded instanceof JsonObject json)) {
      return new Rejected(NOT_JSON_OBJECT);
    }
    return new Accepted(json);
  }
}
