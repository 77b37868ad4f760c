package dev.portal.login.notification;

import dev.portal.login.consumer.SourcedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Counts the notification messages received: the notification consumer's whole batch effect for
 * now, until delivery through e-mail and SMS channels arrives in a later issue.
 */
final class ReceivedMessageCounter {
  static final String METRIC = "notification.messages.received";

  private final Counter received;

  ReceivedMessageCounter(MeterRegistry registry) {
    this.received = Counter.builder(METRIC)
        .description("Notification messages received by the notification consumer").register(registry);
  }

  Future<Void> countAll(List<SourcedEvent<JsonObject>> messages) {
    received.increment(messages.size());
    return Future.succeededFuture();
  }
}
