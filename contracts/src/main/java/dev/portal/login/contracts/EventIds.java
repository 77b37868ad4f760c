package dev.portal.login.contracts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Unique, time-ordered event ids (UUID version 7, RFC 9562): sorting ids sorts events by
 * creation time, which keeps audit indexes append-only and cursors stable.
 */
public final class EventIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private EventIds() {
  }

  public static UUID next() {
    return next(Clock.systemUTC());
  }

  public static UUID next(Clock clock) {
    long millis = clock.millis();
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16;
    msb |= 0x7000L; // version 7
    msb |= ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
    long lsb = 0;
    for (int i = 2; i < 10; i++) {
      lsb = (lsb << 8) | (random[i] & 0xFFL);
    }
    lsb = (lsb & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
    return new UUID(msb, lsb);
  }

  /** The creation time, in epoch milliseconds, encoded in a version 7 id. */
  public static long timestampOf(UUID id) {
    return id.getMostSignificantBits() >>> 16;
  }
}
