package dev.portal.login.lockout;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.ClientNetwork;
import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The lockout consumer's batch effect: each event's subject state is loaded, passed through the
 * {@link LockoutPolicy}, announced, and stored only if the event is not applied yet and nobody wrote
 * in between. Events of one subject are applied in order; subjects in parallel. Announcements go out
 * before the store, with ids derived from the cause, so a crash in between repeats them identically.
 */
final class LockoutEffect {
  private static final int MAX_CONFLICT_RETRIES = 5;
  /** details.via of a password.changed event that came through a reset (a change by a signed-in owner lifts nothing). */
  private static final String RESET = "reset";

  /** Publishes announcements and waits for Kafka's acknowledgement. */
  @FunctionalInterface
  interface Announcer {
    Future<Void> announce(SecurityEvent announcement, boolean notifyOwner);
  }

  private final LockoutPolicy policy;
  private final LockStateStore store;
  private final Announcer announcer;
  private final LockoutMeters meters;

  LockoutEffect(LockoutPolicy policy, LockStateStore store, Announcer announcer, LockoutMeters meters) {
    this.policy = policy;
    this.store = store;
    this.announcer = announcer;
    this.meters = meters;
  }

  /** A copy that changes state but announces nothing: a rebuild replays what was announced before. */
  LockoutEffect silent() {
    return new LockoutEffect(policy, store, (announcement, notify) -> Future.succeededFuture(), meters);
  }

  Future<Void> applyAll(List<SourcedEvent<SecurityEvent>> batch) {
    Map<String, List<SecurityEvent>> bySubject = new LinkedHashMap<>();
    for (SourcedEvent<SecurityEvent> sourced : batch) {
      if (input(sourced.event()) != null) {
        bySubject.computeIfAbsent(LockSubject.of(sourced.event()), subject -> new ArrayList<>()).add(sourced.event());
      }
    }
    List<Future<Void>> subjects = bySubject.entrySet().stream()
        .map(entry -> inOrder(entry.getValue(), event -> apply(entry.getKey(), event)))
        .toList();
    return Future.all(subjects).mapEmpty();
  }

  private static Future<Void> inOrder(List<SecurityEvent> events, Function<SecurityEvent, Future<Void>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (SecurityEvent event : events) {
      chain = chain.compose(done -> step.apply(event));
    }
    return chain;
  }

  private Future<Void> apply(String subject, SecurityEvent event) {
    LockoutEvent input = input(event);
    Future<Void> ipCounted = input.kind() == LockoutEvent.Kind.FAILURE ? countIpFailure(event) : Future.succeededFuture();
    return ipCounted.compose(done -> applyToSubject(subject, event, input, 1));
  }

  private Future<Void> countIpFailure(SecurityEvent event) {
    ClientNetwork network = ClientNetwork.of(event.ip());
    if (network == null) {
      return Future.succeededFuture();
    }
    return store.countIpFailure(network.value(), event.eventId().toString(), event.occurredAt().toEpochMilli())
        .map(throttled -> {
          if (throttled) {
            meters.ipThrottled();
          }
          return null;
        });
  }

  private Future<Void> applyToSubject(String subject, SecurityEvent event, LockoutEvent input, int attempt) {
    return store.load(subject, input.eventId()).compose(loaded -> {
      if (loaded.alreadyApplied()) {
        return Future.succeededFuture();
      }
      LockoutPolicy.Transition transition = policy.apply(loaded.state(), input);
      if (transition.next().equals(loaded.state())) {
        return Future.succeededFuture();
      }
      return announce(event, subject, transition.changes())
          .compose(done -> store.store(subject, input.eventId(), input.at(), loaded.version(), transition.next()))
          .compose(result -> switch (result) {
            case STORED -> stored(subject, transition);
            case DUPLICATE -> Future.<Void>succeededFuture();
            case CONFLICT -> attempt < MAX_CONFLICT_RETRIES
                ? applyToSubject(subject, event, input, attempt + 1)
                : Future.<Void>failedFuture(new IllegalStateException("lock state kept changing underneath"));
          });
    });
  }

  private Future<Void> announce(SecurityEvent cause, String subject, List<LockChange> changes) {
    Future<Void> chain = Future.succeededFuture();
    for (LockChange change : changes) {
      SecurityEvent announcement = LockAnnouncements.event(cause, subject, change);
      boolean notifyOwner = change instanceof LockChange.Locked && cause.accountId() != null;
      chain = chain.compose(done -> announcer.announce(announcement, notifyOwner));
    }
    return chain;
  }

  private Future<Void> stored(String subject, LockoutPolicy.Transition transition) {
    if (transition.changes().isEmpty()) {
      return Future.succeededFuture();
    }
    transition.changes().stream()
        .filter(LockChange.Locked.class::isInstance)
        .map(LockChange.Locked.class::cast)
        .forEach(locked -> meters.locked(locked.permanent()));
    return store.markActive(subject, transition.next());
  }

  /** What the policy makes of an event; null for the events it ignores. */
  static LockoutEvent input(SecurityEvent event) {
    String id = event.eventId().toString();
    long at = event.occurredAt().toEpochMilli();
    return switch (event.type()) {
      // a wrong one-time code is a guess like a wrong password: both spend the same budget
      case EventTypes.LOGIN_FAILED -> Outcomes.REASON_BAD_CREDENTIALS.equals(event.reason())
          || Outcomes.REASON_BAD_CODE.equals(event.reason())
          ? new LockoutEvent(id, LockoutEvent.Kind.FAILURE, at, null) : null;
      case EventTypes.LOGIN_SUCCEEDED -> new LockoutEvent(id, LockoutEvent.Kind.SUCCESS, at, null);
      case EventTypes.PASSWORD_CHANGED -> RESET.equals(event.details().getString("via")) && event.accountId() != null
          ? new LockoutEvent(id, LockoutEvent.Kind.PASSWORD_RESET, at, null) : null;
      case EventTypes.ACCOUNT_UNLOCK_REQUESTED ->
          new LockoutEvent(id, LockoutEvent.Kind.UNLOCK_REQUEST, at, event.details().getString("actor"));
      default -> null;
    };
  }
}
