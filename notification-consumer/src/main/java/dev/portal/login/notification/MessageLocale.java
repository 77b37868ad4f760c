package dev.portal.login.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages messages are written in, and how each shows times and unknown values. Times are
 * shown in Western Indonesian Time (Asia/Jakarta, "WIB") in both languages: the portals and their
 * users are in Indonesia, and one zone keeps a message and the support desk talking about the same hour.
 */
enum MessageLocale {
  ID("id", "d MMMM yyyy 'pukul' HH.mm 'WIB'", "tidak diketahui"),
  EN("en", "d MMMM yyyy 'at' HH:mm 'WIB (UTC+7)'", "unknown");

  /** The language of a message whose own and whose account's language are both unknown. */
  static final MessageLocale DEFAULT = ID;

  /** The zone every time in a message is shown in. */
  static final String JAKARTA = "Asia/Jakarta";

  private final String tag;
  private final DateTimeFormatter timeFormat;
  private final String unknown;

  MessageLocale(String tag, String timePattern, String unknown) {
    this.tag = tag;
    this.timeFormat = DateTimeFormatter.ofPattern(timePattern, Locale.forLanguageTag(tag)).withZone(ZoneId.of(JAKARTA));
    this.unknown = unknown;
  }

  static Optional<MessageLocale> find(String tag) {
    for (MessageLocale locale : values()) {
      if (locale.tag.equals(tag)) {
        return Optional.of(locale);
      }
    }
    return Optional.empty();
  }

  String tag() {
    return tag;
  }

  String formatTime(Instant instant) {
    return timeFormat.format(instant);
  }

  /** Stands for a value the message does not carry (an IP or device the sender did not know). */
  String unknown() {
    return unknown;
  }
}
