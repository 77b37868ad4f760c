package dev.portal.login.notification;

import dev.portal.login.consumer.SourcedEvent;
import io.vertx.core.Future;

/**
 * Moves a message that was read fine but can never be delivered (a refusing SMS provider, a missing
 * value) to the dead-letter topic. Records that cannot even be read are dead-lettered by the consumer
 * loop itself; both use the same headers.
 */
interface DeadLetterPublisher {
  /** @param reason short, never the destination, code, link or text */
  Future<Void> publish(SourcedEvent<OpenedNotification> message, String reason);

  Future<Void> close();
}
