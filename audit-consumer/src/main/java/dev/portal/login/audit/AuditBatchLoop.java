package dev.portal.login.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.RecordMetadata;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit consumer's poll loop: poll, write the batch, dead-letter what can never be written,
 * commit, poll again. Offsets are committed only after both; a failed batch is retried unchanged
 * and uncommitted after a growing wait, never skipped. Runs on the owning verticle's context.
 */
final class AuditBatchLoop {
  private static final Logger LOG = LoggerFactory.getLogger(AuditBatchLoop.class);
  private static final long NO_TIMER = -1;

  private final Vertx vertx;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> deadLetterProducer;
  private final AuditWriter writer;
  private final Duration pollTimeout;
  private final RetryBackoff backoff;
  private final MeterRegistry registry;
  private final Counter rowsWritten;
  private final Counter recordsDeadLettered;
  private final Counter writeRetries;
  private final Timer batchDuration;
  private final Promise<Void> stopped = Promise.promise();

  private boolean running;
  private boolean stopping;
  private int consecutivePollFailures;
  private long waitTimer = NO_TIMER;
  /** What to do instead of the waited-for step when stop() cuts a wait short. */
  private Runnable insteadOfWaiting;

  AuditBatchLoop(Vertx vertx, KafkaConsumer<byte[], byte[]> consumer,
      KafkaProducer<byte[], byte[]> deadLetterProducer, AuditWriter writer, AuditConfig config,
      MeterRegistry registry) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.deadLetterProducer = deadLetterProducer;
    this.writer = writer;
    this.pollTimeout = config.pollTimeout();
    this.backoff = new RetryBackoff(config.retryInitialBackoff(), config.retryMaxBackoff());
    this.registry = registry;
    this.rowsWritten = Counter.builder("audit.rows.written")
        .description("Audit rows inserted (replayed events are not counted)").register(registry);
    this.recordsDeadLettered = Counter.builder("audit.records.dead.lettered")
        .description("Records moved to the dead-letter topic because they can never be written").register(registry);
    this.writeRetries = Counter.builder("audit.write.retries")
        .description("Retries of audit batches whose write or dead-lettering failed").register(registry);
    this.batchDuration = Timer.builder("audit.batch.duration")
        .description("Time from receiving a batch to committing it, retries included").register(registry);
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
    LOG.warn("Polling the audit topics failed (attempt {}), polling again in {} ms: {}",
        consecutivePollFailures, delay.toMillis(), describe(failure));
    waitThen(delay, this::pollNext, stopped::tryComplete);
  }

  /** Completes once the batch is committed, or abandoned uncommitted because the loop is stopping. */
  private Future<Void> handle(KafkaConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    AuditBatch batch = AuditBatch.of(records.records());
    Timer.Sample sample = Timer.start(registry);
    Promise<Void> done = Promise.promise();
    attempt(batch, 1, done);
    return done.future().onComplete(ignored -> sample.stop(batchDuration));
  }

  // Each retry starts from a timer callback (a fresh stack), so a long outage builds no chain of futures.
  private void attempt(AuditBatch batch, int attempt, Promise<Void> done) {
    complete(batch)
        .onSuccess(done::complete)
        .onFailure(failure -> retryLater(batch, attempt, failure, done));
  }

  private void retryLater(AuditBatch batch, int attempt, Throwable failure, Promise<Void> done) {
    if (stopping) {
      abandon(batch, done);
      return;
    }
    writeRetries.increment();
    Duration delay = backoff.delayBefore(attempt);
    LOG.warn("Audit batch of {} records failed (attempt {}), retrying in {} ms: {}",
        batch.size(), attempt, delay.toMillis(), describe(failure));
    waitThen(delay, () -> attempt(batch, attempt + 1, done), () -> abandon(batch, done));
  }

  private void abandon(AuditBatch batch, Promise<Void> done) {
    LOG.warn("Stopping with an unwritten audit batch of {} records; it stays uncommitted and is read again on restart",
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

  private Future<Void> complete(AuditBatch batch) {
    return writeOnce(batch)
        .compose(written -> deadLetterOnce(batch))
        .compose(deadLettered -> commit(batch));
  }

  private Future<Void> writeOnce(AuditBatch batch) {
    if (batch.written()) {
      return Future.succeededFuture();
    }
    return writer.write(batch.events()).map(inserted -> {
      rowsWritten.increment(inserted);
      batch.markWritten();
      return null;
    });
  }

  private Future<Void> deadLetterOnce(AuditBatch batch) {
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

  private Future<Void> commit(AuditBatch batch) {
    return consumer.commit(batch.offsetsToCommit())
        .<Void>mapEmpty()
        .recover(failure -> {
          // the rows are already written: an uncommitted batch is only read again, and replays change nothing
          LOG.warn("Committing an audit batch of {} records failed; they may be replayed: {}",
              batch.size(), describe(failure));
          return Future.succeededFuture();
        });
  }

  /** A failure in a log line: the SQLSTATE for database errors, whose messages may quote event values. */
  static String describe(Throwable failure) {
    if (failure instanceof PgException pg) {
      return "database error SQLSTATE " + pg.getSqlState();
    }
    return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }
}
