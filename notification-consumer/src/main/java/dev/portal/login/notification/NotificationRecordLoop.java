package dev.portal.login.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification consumer's poll loop: poll, handle the events, dead-letter what can never be read,
 * commit, poll again. Offsets are committed only after both; a failed batch is retried unchanged
 * and uncommitted after a growing wait, never skipped. Runs on the owning verticle's context.
 * Handling is only counting for now; delivery through e-mail and SMS channels comes in a later issue.
 */
final class NotificationRecordLoop {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationRecordLoop.class);
  private static final long NO_TIMER = -1;

  private final Vertx vertx;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> deadLetterProducer;
  private final Counter messagesReceived;
  private final Duration pollTimeout;
  private final RetryBackoff backoff;
  private final Counter recordsDeadLettered;
  private final Counter batchRetries;
  private final Promise<Void> stopped = Promise.promise();

  private boolean running;
  private boolean stopping;
  private int consecutivePollFailures;
  private long waitTimer = NO_TIMER;
  /** What to do instead of the waited-for step when stop() cuts a wait short. */
  private Runnable insteadOfWaiting;

  NotificationRecordLoop(Vertx vertx, KafkaConsumer<byte[], byte[]> consumer,
      KafkaProducer<byte[], byte[]> deadLetterProducer, NotificationConfig config, MeterRegistry registry) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.deadLetterProducer = deadLetterProducer;
    this.messagesReceived = Counter.builder("notification.messages.received")
        .description("Notification messages received by the notification consumer").register(registry);
    this.pollTimeout = config.pollTimeout();
    this.backoff = new RetryBackoff(config.retryInitialBackoff(), config.retryMaxBackoff());
    this.recordsDeadLettered = Counter.builder("notification.records.dead.lettered")
        .description("Records moved to the dead-letter topic because they can never be read").register(registry);
    this.batchRetries = Counter.builder("notification.batch.retries")
        .description("Retries of batches whose handling or dead-lettering failed").register(registry);
  }

  void start() {
    running = true;
    pollNext();
  }

  /** Ends the loop after the batch in hand is committed; a batch waiting for a retry stays uncommitted. */
  Future<Void> stop() {
    stopping = true;
    if (!running) {
      stopped.tryComplete();
    } else if (waitTimer != NO_TIMER && vertx.cancelTimer(waitTimer)) {
      Runnable instead = insteadOfWaiting;
      waitTimer = NO_TIMER;
      insteadOfWaiting = null;
      instead.run();
    }
    return stopped.future();
  }

  private void pollNext() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    consumer.poll(pollTimeout)
        .onSuccess(records -> {
          consecutivePollFailures = 0;
          handle(records).onComplete(ignored -> pollNext());
        })
        .onFailure(this::pollFailed);
  }

  private void pollFailed(Throwable failure) {
    consecutivePollFailures++;
    Duration delay = backoff.delayBefore(consecutivePollFailures);
    LOG.warn("Polling the notification topic failed (attempt {}), polling again in {} ms: {}",
        consecutivePollFailures, delay.toMillis(), describe(failure));
    waitThen(delay, this::pollNext, stopped::tryComplete);
  }

  /** Completes once the batch is committed, or abandoned uncommitted because the loop is stopping. */
  private Future<Void> handle(KafkaConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    NotificationBatch batch = NotificationBatch.of(records.records());
    Promise<Void> done = Promise.promise();
    attempt(batch, 1, done);
    return done.future();
  }

  // Each retry starts from a timer callback (a fresh stack), so a long outage builds no chain of futures.
  private void attempt(NotificationBatch batch, int attempt, Promise<Void> done) {
    complete(batch)
        .onSuccess(done::complete)
        .onFailure(failure -> retryLater(batch, attempt, failure, done));
  }

  private void retryLater(NotificationBatch batch, int attempt, Throwable failure, Promise<Void> done) {
    if (stopping) {
      abandon(batch, done);
      return;
    }
    batchRetries.increment();
    Duration delay = backoff.delayBefore(attempt);
    LOG.warn("Notification batch of {} records failed (attempt {}), retrying in {} ms: {}",
        batch.size(), attempt, delay.toMillis(), describe(failure));
    waitThen(delay, () -> attempt(batch, attempt + 1, done), () -> abandon(batch, done));
  }

  private void abandon(NotificationBatch batch, Promise<Void> done) {
    LOG.warn("Stopping with an unhandled notification batch of {} records; it stays uncommitted and is read again on restart",
        batch.size());
    done.tryComplete();
  }

  private void waitThen(Duration delay, Runnable next, Runnable instead) {
    insteadOfWaiting = instead;
    waitTimer = vertx.setTimer(delay.toMillis(), id -> {
      waitTimer = NO_TIMER;
      insteadOfWaiting = null;
      next.run();
    });
  }

  private Future<Void> complete(NotificationBatch batch) {
    return handleOnce(batch)
        .compose(handled -> deadLetterOnce(batch))
        .compose(deadLettered -> commit(batch));
  }

  private Future<Void> handleOnce(NotificationBatch batch) {
    if (batch.handled()) {
      return Future.succeededFuture();
    }
    messagesReceived.increment(batch.messages().size());
    batch.markHandled();
    return Future.succeededFuture();
  }

  private Future<Void> deadLetterOnce(NotificationBatch batch) {
    if (batch.deadLettered() || batch.deadLetters().isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<RecordMetadata>> sends = batch.deadLetters().stream().map(this::sendDeadLetter).toList();
    return Future.all(sends).map(acked -> {
      recordsDeadLettered.increment(sends.size());
      batch.markDeadLettered();
      return null;
    });
  }

  private Future<RecordMetadata> sendDeadLetter(DeadLetter letter) {
    LOG.warn("Dead-lettering the record at {}: {}", letter.source(), letter.reason());
    return deadLetterProducer.send(letter.toProducerRecord());
  }

  private Future<Void> commit(NotificationBatch batch) {
    return consumer.commit(batch.offsetsToCommit())
        .<Void>mapEmpty()
        .recover(failure -> {
          // an uncommitted batch is only read again; delivery must stay idempotent by message id
          LOG.warn("Committing a notification batch of {} records failed; they may be replayed: {}",
              batch.size(), describe(failure));
          return Future.succeededFuture();
        });
  }

  /** A failure in a log line: its kind and message, never a record's contents. */
  static String describe(Throwable failure) {
    return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }
}
