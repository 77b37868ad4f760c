package dev.portal.login.audit;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque page cursor handed to clients: the base64url form (no padding) of the last returned
 * event id. Clients must not build it themselves, so anything that is not exactly what
 * {@link #encode} produces is refused.
 */
final class AuditCursor {
  private static final int UUID_BYTES = 16;

  private AuditCursor() {
  }

  static String encode(UUID lastEventId) {
    ByteBuffer bytes = ByteBuffer.allocate(UUID_BYTES)
        .putLong(lastEventId.getMostSignificantBits())
        .putLong(lastEventId.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  /** @throws IllegalArgumentException when the text is not a cursor this service issued */
  static UUID decode(String cursor) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor is not base64url", e);
    }
    if (bytes.length != UUID_BYTES) {
      throw new IllegalArgumentException("cursor has the wrong length");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    UUID id = new UUID(buffer.getLong(), buffer.getLong());
    // padding or stray low bits decode too; only the canonical text is a cursor we issued
    if (!encode(id).equals(cursor)) {
      throw new IllegalArgumentException("cursor is not in canonical form");
    }
    return id;
  }
}
