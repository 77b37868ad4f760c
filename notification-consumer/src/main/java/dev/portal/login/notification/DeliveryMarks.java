package dev.portal.login.notification;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/** Remembers, per message id, that a message was already handled for good (sent or dead-lettered). */
interface DeliveryMarks {
  String SENT = "sent";
  String DEAD_LETTERED = "dead-lettered";

  /** The mark of the message, empty when it was never handled for good. */
  Future<Optional<String>> markOf(UUID messageId);

  Future<Void> mark(UUID messageId, String state);
}
