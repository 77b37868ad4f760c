package dev.portal.login.consumer;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads a record value as strict UTF-8 JSON and accepts it only when it is an object. */
final class JsonObjectReader {
  private JsonObjectReader() {
  }

  static RecordVerdict<JsonObject> read(byte[] value) {
    if (value == null || value.length == 0) {
      return RecordVerdict.rejected(RecordReader.EMPTY_VALUE);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return RecordVerdict.rejected(RecordReader.NOT_UTF8);
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(text);
    } catch (DecodeException e) {
      return RecordVerdict.rejected(RecordReader.NOT_JSON);
    }
    return decoded instanceof JsonObject json
        ? RecordVerdict.accepted(json)
        : RecordVerdict.rejected(RecordReader.NOT_JSON_OBJECT);
  }
}
