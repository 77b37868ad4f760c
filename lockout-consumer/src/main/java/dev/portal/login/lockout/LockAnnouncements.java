package dev.portal.login.lockout;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns lock changes into the events and messages that announce them. Every id is derived from the
 * id of the event that caused the change, so a replay or a rebuild announces with the same ids and
 * the audit trail (insert on conflict do nothing) keeps one row.
 */
final class LockAnnouncements {
  static final String TEMPLATE_ACCOUNT_LOCKED = "account-locked";
  static final String REASON_TOO_MANY_FAILURES = "too_many_failures";

  private LockAnnouncements() {
  }

  static SecurityEvent event(SecurityEvent cause, String subject, LockChange change) {
    JsonObject details = new JsonObject();
    String deviceId = cause.details().getString(LockSubject.DEVICE_ID);
    if (deviceId != null) {
      details.put(LockSubject.DEVICE_ID, deviceId);
    }
    String type;
    if (change instanceof LockChange.Locked locked) {
      type = EventTypes.ACCOUNT_LOCKED;
      details.put("reason", REASON_TOO_MANY_FAILURES)
          .put("failures", locked.failures())
          .put("lockedUntil", locked.permanent() ? null : Instant.ofEpochMilli(locked.lockedUntil()).toString())
          .put("permanent", locked.permanent())
          .put("lockNumber", locked.lockNumber())
          .put("ip", cause.ip());
    } else {
      LockChange.Unlocked unlocked = (LockChange.Unlocked) change;
      type = EventTypes.ACCOUNT_UNLOCKED;
      details.put("by", unlocked.by()).put("actor", unlocked.actor());
    }
    return new SecurityEvent(derivedId(cause, type + "/" + discriminator(change)), type, SecurityEvent.SCHEMA_VERSION,
        cause.occurredAt(), cause.accountId(), cause.subjectKey(), cause.identifierKind(), cause.ip(),
        cause.userAgent(), cause.requestId(), null, null, details);
  }

  /**
   * The lock e-mail to the account owner (only for a real account): when, from where, until when, and
   * what to do. Never anything secret; the account id names the recipient.
   */
  static JsonObject lockNotification(SecurityEvent locked) {
    JsonObject details = locked.details();
    boolean permanent = details.getBoolean("permanent", false);
    return new JsonObject()
        .put("messageId", derivedId(locked, "notification/" + TEMPLATE_ACCOUNT_LOCKED).toString())
        .put("template", TEMPLATE_ACCOUNT_LOCKED)
        .put("channel", "email")
        .put("accountId", locked.accountId().toString())
        // null: the notification consumer writes in the account's own language
        .putNull("locale")
        .put("createdAt", locked.occurredAt().toString())
        .put("data", new JsonObject()
            .put("when", locked.occurredAt().toString())
            .put("ip", details.getString("ip"))
            .put("lockedUntil", details.getString("lockedUntil"))
            .put("permanent", permanent)
            .put("whatToDo", permanent
                ? "Reset your password or contact support to unlock your account."
                : "Wait until the lock ends, or reset your password. If this was not you, reset your password "
                    + "and contact support."));
  }

  private static String discriminator(LockChange change) {
    return change instanceof LockChange.Unlocked unlocked ? unlocked.by() : "lock";
  }

  /**
   * A version 7 UUID (time-ordered like every other event id, so audit cursors stay sorted) whose
   * time is the cause's and whose remaining bits come from SHA-256 of the cause's id and {@code name}.
   */
  static UUID derivedId(SecurityEvent cause, String name) {
    byte[] digest = sha256(cause.eventId() + "/" + name);
    ByteBuffer bits = ByteBuffer.wrap(digest);
    long millis = cause.occurredAt().toEpochMilli();
    long msb = ((millis & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | (bits.getShort() & 0x0FFFL);
    long lsb = (bits.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
