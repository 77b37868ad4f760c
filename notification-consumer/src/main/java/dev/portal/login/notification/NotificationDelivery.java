package dev.portal.login.notification;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.Notification;
import dev.portal.login.notification.DeliveryChannel.Outcome;
import dev.portal.login.notification.DeliveryMeters.Result;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch effect of the notification consumer: each message once to its recipient, in its language,
 * through its channel. Idempotent by message id: a message marked in Redis as sent (or dead-lettered)
 * is skipped as a duplicate, so replays and batch retries send nothing twice in a row. Delivery is still
 * at-least-once: a crash after the channel sent but before the mark is written sends that message once
 * more on replay; this window is the price of never losing one.
 *
 * <p>The messages of a batch go out concurrently; the batch completes when all are settled, and fails
 * (to be retried by the consumer loop) when one could not be handled now (Redis, PostgreSQL or the
 * SMTP server unreachable). A message that can never be delivered is dead-lettered with the reason; a
 * message without anyone to receive it is skipped. One INFO line per message, never its destination
 * in full, its code, link or text.
 */
final class NotificationDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

  private final TemplateCatalogue catalogue;
  private final ContactDirectory contacts;
  private final DeliveryMarks marks;
  private final DeliveryChannels channels;
  private final DeadLetterPublisher deadLetters;
  private final DeliveryMeters meters;

  NotificationDelivery(TemplateCatalogue catalogue, ContactDirectory contacts, DeliveryMarks marks,
      DeliveryChannels channels, DeadLetterPublisher deadLetters, DeliveryMeters meters) {
    this.catalogue = catalogue;
    this.contacts = contacts;
    this.marks = marks;
    this.channels = channels;
    this.deadLetters = deadLetters;
    this.meters = meters;
  }

  /** Delivers a batch; fails when at least one message must be tried again. */
  Future<Void> deliverAll(List<SourcedEvent<OpenedNotification>> batch) {
    Map<UUID, SourcedEvent<OpenedNotification>> firsts = new LinkedHashMap<>();
    List<Future<Result>> deliveries = new ArrayList<>();
    for (SourcedEvent<OpenedNotification> message : batch) {
      if (firsts.putIfAbsent(message.event().message().messageId(), message) != null) {
        // the same id twice in one batch: the first one decides
        deliveries.add(Future.succeededFuture(settled(message.event(), Result.DUPLICATE, null, "repeated in batch")));
      }
    }
    firsts.values().forEach(message -> deliveries.add(deliver(message)));
    return Future.join(deliveries).mapEmpty();
  }

  /** Delivers one message; the result is also counted and logged. */
  Future<Result> deliver(SourcedEvent<OpenedNotification> sourced) {
    OpenedNotification opened = sourced.event();
    return marks.markOf(opened.message().messageId())
        .compose(mark -> mark.isPresent()
            ? Future.succeededFuture(settled(opened, Result.DUPLICATE, null, "already " + mark.get()))
            : address(opened).compose(addressing -> deliverTo(sourced, addressing)))
        .recover(failure -> {
          meters.count(channels.forMessage(opened.message()).label(), Result.FAILED);
          LOG.warn("Notification {} template {} channel {} to {} result {}: {}", opened.message().messageId(),
              opened.message().template(), channels.forMessage(opened.message()).label(),
              masked(opened, null), Result.FAILED.label, FailureDescriptions.describe(failure));
          return Future.failedFuture(failure);
        });
  }

  private Future<Addressing> address(OpenedNotification opened) {
    Future<Optional<Contact>> contact = RecipientRules.needsContact(opened)
        ? contacts.find(opened.message().accountId()) : Future.succeededFuture(Optional.empty());
    return contact.map(found -> RecipientRules.address(opened, found));
  }

  private Future<Result> deliverTo(SourcedEvent<OpenedNotification> sourced, Addressing addressing) {
    OpenedNotification opened = sourced.event();
    if (addressing instanceof Addressing.Nobody nobody) {
      return Future.succeededFuture(settled(opened, Result.SKIPPED, null, nobody.reason()));
    }
    Addressing.To to = (Addressing.To) addressing;
    RenderedMessage rendered;
    try {
      rendered = render(opened, to);
    } catch (MessageTemplate.MissingValueException | IllegalArgumentException e) {
      return deadLetter(sourced, to.to(), e.getMessage());
    }
    DeliveryChannel channel = channels.forMessage(opened.message());
    long started = System.nanoTime();
    return channel.deliver(rendered)
        .andThen(done -> meters.time(channel.label(), Duration.ofNanos(System.nanoTime() - started)))
        .compose(outcome -> outcome instanceof Outcome.Refused refused
            ? deadLetter(sourced, to.to(), refused.reason())
            : marks.mark(opened.message().messageId(), DeliveryMarks.SENT)
                .map(marked -> settled(opened, Result.SENT, to.to(), null)));
  }

  private RenderedMessage render(OpenedNotification opened, Addressing.To to) {
    Notification message = opened.message();
    MessageTemplate template = catalogue.templateFor(message, to.locale());
    Map<String, String> values = TemplateCatalogue.values(message, opened.secret(), to.locale());
    MessageTemplate.Rendered text = Notification.SMS.equals(message.channel()) ? template.sms(values)
        : template.email(values);
    return new RenderedMessage(message.messageId(), message.accountId(), message.channel(), to.to(),
        message.template(), to.locale().tag(), text.subject(), text.text(), message.data(), message.createdAt());
  }

  private Future<Result> deadLetter(SourcedEvent<OpenedNotification> sourced, String to, String reason) {
    OpenedNotification opened = sourced.event();
    return deadLetters.publish(sourced, reason)
        .compose(published -> marks.mark(opened.message().messageId(), DeliveryMarks.DEAD_LETTERED))
        .map(marked -> settled(opened, Result.DEAD_LETTERED, to, reason));
  }

  private Result settled(OpenedNotification opened, Result result, String to, String reason) {
    String channel = channels.forMessage(opened.message()).label();
    meters.count(channel, result);
    LOG.info("Notification {} template {} channel {} to {} result {}{}", opened.message().messageId(),
        opened.message().template(), channel, masked(opened, to), result.label, reason == null ? "" : ": " + reason);
    return result;
  }

  private static String masked(OpenedNotification opened, String to) {
    String given = opened.message().maskedDestination();
    if (given != null) {
      return given;
    }
    return to == null ? "-" : DestinationMask.mask(opened.message().channel(), to);
  }
}
