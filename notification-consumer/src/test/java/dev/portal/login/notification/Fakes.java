package dev.portal.login.notification;

import dev.portal.login.consumer.SourcedEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** In-memory stand-ins for Redis, PostgreSQL, Kafka and the channels, recording what they were asked. */
final class Fakes {
  private Fakes() {
  }

  static final class Marks implements DeliveryMarks {
    final Map<UUID, String> marks = new HashMap<>();
    boolean down;

    @Override
    public Future<Optional<String>> markOf(UUID messageId) {
      return down ? Future.failedFuture(new IllegalStateException("redis down"))
          : Future.succeededFuture(Optional.ofNullable(marks.get(messageId)));
    }

    @Override
    public Future<Void> mark(UUID messageId, String state) {
      marks.put(messageId, state);
      return Future.succeededFuture();
    }
  }

  static final class Contacts implements ContactDirectory {
    final Map<UUID, Contact> contacts = new HashMap<>();
    int lookups;
    boolean down;

    Contacts with(Contact contact) {
      contacts.put(contact.accountId(), contact);
      return this;
    }

    @Override
    public Future<Optional<Contact>> find(UUID accountId) {
      lookups++;
      return down ? Future.failedFuture(new IllegalStateException("postgres down"))
          : Future.succeededFuture(Optional.ofNullable(contacts.get(accountId)));
    }
  }

  static final class Channel implements DeliveryChannel {
    final String label;
    final List<RenderedMessage> delivered = new ArrayList<>();
    Function<RenderedMessage, Future<Outcome>> answer = message -> Future.succeededFuture(Outcome.SENT);

    Channel(String label) {
      this.label = label;
    }

    @Override
    public String label() {
      return label;
    }

    @Override
    public Future<Outcome> deliver(RenderedMessage message) {
      delivered.add(message);
      return answer.apply(message);
    }
  }

  record Letter(SourcedEvent<OpenedNotification> message, String reason) {
  }

  static final class DeadLetters implements DeadLetterPublisher {
    final List<Letter> letters = new ArrayList<>();

    @Override
    public Future<Void> publish(SourcedEvent<OpenedNotification> message, String reason) {
      letters.add(new Letter(message, reason));
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }
}
