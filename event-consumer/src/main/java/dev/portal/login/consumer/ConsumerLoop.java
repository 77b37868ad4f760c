package dev.portal.login.consumer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An at-least-once Kafka consumer: poll, read each record, apply the batch effect, dead-letter what
 * can never be read, commit (at most once per commit interval; a stop commits what is pending), poll
 * again. Offsets are committed only after both; a failed batch is
 * retried unchanged and uncommitted after a growing wait, never skipped, so the effect must be
 * idempotent. Owns its Kafka consumer and dead-letter producer; runs on the context that creates it.
 */
public final class ConsumerLoop<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
  private static final long NO_TIMER = -1;

  private final Vertx vertx;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> deadLetterProducer;
  private final ConsumerSettings settings;
  private final Set<String> topics;
  private final RecordReader<T> reader;
  private final Function<List<SourcedEvent<T>>, Future<Void>> effect;
  private final ConsumerMeters meters;
  private final RetryBackoff backoff;
  private final ConsumerLag lag;
  private final Promise<Void> stopped = Promise.promise();
  private Function<Throwable, String> describe = ConsumerLoop::describe;

  private boolean running;
  private boolean stopping;
  private boolean joinedGroup;
  private int consecutivePollFailures;
  private long waitTimer = NO_TIMER;
  private long lagTimer = NO_TIMER;
  private long commitTimer = NO_TIMER;
  /** Offsets of handled batches not committed yet (see {@link #commit}). */
  private Map<TopicPartition, OffsetAndMetadata> pendingCommit = new HashMap<>();
  private long lastCommitNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
  private Duration lagRefresh = ConsumerLag.DEFAULT_REFRESH;
  private boolean measuringLag;
  /** What to do instead of the waited-for step when stop() cuts a wait short. */
  private Runnable insteadOfWaiting;

  ConsumerLoop(Vertx vertx, KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> deadLetterProducer,
      ConsumerSettings settings, Set<String> topics, RecordReader<T> reader,
      Function<List<SourcedEvent<T>>, Future<Void>> effect, ConsumerMeters meters) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.deadLetterProducer = deadLetterProducer;
    this.settings = settings;
    this.topics = Set.copyOf(topics);
    this.reader = reader;
    this.effect = effect;
    this.meters = meters;
    this.backoff = settings.backoff();
    this.lag = new ConsumerLag(meters.registry(), settings.groupId());
    consumer.partitionsAssignedHandler(this::partitionsAssigned)
        .partitionsRevokedHandler(this::partitionsRevoked);
  }

  /**
   * A loop over {@code topics} with its own Kafka clients. {@code effect} gets the readable events of
   * each batch and must change nothing when given events it already handled.
   */
  public static <T> ConsumerLoop<T> create(Vertx vertx, String bootstrapServers, ConsumerSettings settings,
      Set<String> topics, RecordReader<T> reader, Function<List<SourcedEvent<T>>, Future<Void>> effect,
      ConsumerMeters meters) {
    KafkaProducer<byte[], byte[]> producer =
        KafkaProducer.create(vertx, settings.deadLetterProducerProperties(bootstrapServers));
    KafkaConsumer<byte[], byte[]> consumer =
        KafkaConsumer.create(vertx, settings.consumerProperties(bootstrapServers));
    return new ConsumerLoop<>(vertx, consumer, producer, settings, topics, reader, effect, meters);
  }

  /** How failures appear in log lines; the default gives the kind and message, never a record's contents. */
  public ConsumerLoop<T> describingFailuresWith(Function<Throwable, String> describe) {
    this.describe = describe;
    return this;
  }

  /** How often the lag gauges are measured; {@link ConsumerLag#DEFAULT_REFRESH} unless set before start. */
  public ConsumerLoop<T> measuringLagEvery(Duration interval) {
    this.lagRefresh = interval;
    return this;
  }

  /** Subscribes and starts polling; completes once subscribed. */
  public Future<Void> start() {
    return consumer.subscribe(topics).onSuccess(subscribed -> {
      running = true;
      LOG.info("Consuming {} in group {}", topics, settings.groupId());
      lagTimer = vertx.setPeriodic(lagRefresh.toMillis(), id -> measureLag());
      pollNext();
    });
  }

  /** True once the group has accepted this member; an empty assignment counts too. */
  public boolean joinedGroup() {
    return joinedGroup;
  }

  /**
   * Ends the loop after the batch in hand is handled and every handled batch is committed (a batch
   * waiting for a retry stays uncommitted), then closes the Kafka clients.
   */
  public Future<Void> stop() {
    return stopPolling()
        .eventually(this::commitPending)
        .eventually(consumer::close)
        .eventually(deadLetterProducer::close);
  }

  private Future<Void> stopPolling() {
    stopping = true;
    if (lagTimer != NO_TIMER) {
      vertx.cancelTimer(lagTimer);
      lagTimer = NO_TIMER;
    }
    lag.clear();
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

  private void partitionsAssigned(Set<TopicPartition> assigned) {
    joinedGroup = true;
    lag.assigned(assigned);
    LOG.info("Joined group {} with {} partitions of {}", settings.groupId(), assigned.size(), topics);
  }

  private void partitionsRevoked(Set<TopicPartition> revoked) {
    lag.revoked(revoked);
    LOG.info("Group {} member gave up {} partitions of {}", settings.groupId(), revoked.size(), topics);
  }

  // one measurement at a time: a slow broker must not pile up end-offset requests
  private void measureLag() {
    if (measuringLag || stopping) {
      return;
    }
    measuringLag = true;
    lag.refresh(consumer)
        .onFailure(failure -> LOG.debug("Measuring the lag of group {} failed: {}", settings.groupId(),
            describe.apply(failure)))
        .onComplete(ignored -> measuringLag = false);
  }

  private void pollNext() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    consumer.poll(settings.pollTimeout())
        .onSuccess(records -> {
          consecutivePollFailures = 0;
          handle(records).onComplete(ignored -> pollNext());
        })
        .onFailure(this::pollFailed);
  }

  private void pollFailed(Throwable failure) {
    consecutivePollFailures++;
    Duration delay = backoff.delayBefore(consecutivePollFailures);
    LOG.warn("Polling {} for group {} failed (attempt {}), polling again in {} ms: {}",
        topics, settings.groupId(), consecutivePollFailures, delay.toMillis(), describe.apply(failure));
    waitThen(delay, this::pollNext, stopped::tryComplete);
  }

  /** Completes once the batch is committed, or abandoned uncommitted because the loop is stopping. */
  private Future<Void> handle(KafkaConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    ConsumerBatch<T> batch = ConsumerBatch.of(records.records(), reader);
    long startedNanos = System.nanoTime();
    Promise<Void> done = Promise.promise();
    attempt(batch, 1, done);
    return done.future()
        .onComplete(ignored -> meters.batchDuration().record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS));
  }

  // Each retry starts from a timer callback (a fresh stack), so a long outage builds no chain of futures.
  private void attempt(ConsumerBatch<T> batch, int attempt, Promise<Void> done) {
    complete(batch)
        .onSuccess(done::complete)
        .onFailure(failure -> retryLater(batch, attempt, failure, done));
  }

  private void retryLater(ConsumerBatch<T> batch, int attempt, Throwable failure, Promise<Void> done) {
    if (stopping) {
      abandon(batch, done);
      return;
    }
    meters.batchRetries().increment();
    Duration delay = backoff.delayBefore(attempt);
    LOG.warn("Batch of {} records for group {} failed (attempt {}), retrying in {} ms: {}",
        batch.size(), settings.groupId(), attempt, delay.toMillis(), describe.apply(failure));
    waitThen(delay, () -> attempt(batch, attempt + 1, done), () -> abandon(batch, done));
  }

  private void abandon(ConsumerBatch<T> batch, Promise<Void> done) {
    LOG.warn("Stopping group {} with an unfinished batch of {} records; it stays uncommitted and is read again "
        + "on restart", settings.groupId(), batch.size());
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

  private Future<Void> complete(ConsumerBatch<T> batch) {
    return applyOnce(batch)
        .compose(applied -> deadLetterOnce(batch))
        .compose(deadLettered -> commit(batch));
  }

  private Future<Void> applyOnce(ConsumerBatch<T> batch) {
    if (batch.effectApplied()) {
      return Future.succeededFuture();
    }
    return effect.apply(batch.events()).onSuccess(applied -> batch.markEffectApplied());
  }

  private Future<Void> deadLetterOnce(ConsumerBatch<T> batch) {
    if (batch.deadLettered() || batch.deadLetters().isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<RecordMetadata>> sends = batch.deadLetters().stream().map(this::sendDeadLetter).toList();
    return Future.all(sends).map(acked -> {
      meters.recordsDeadLettered().increment(sends.size());
      batch.markDeadLettered();
      return null;
    });
  }

  private Future<RecordMetadata> sendDeadLetter(DeadLetter letter) {
    LOG.warn("Group {} dead-letters the record at {}: {}", settings.groupId(), letter.source(), letter.reason());
    return deadLetterProducer.send(letter.toProducerRecord(settings.groupId()));
  }

  /**
   * The batch's effect and dead letters are done, so its offsets may be committed: at once when the
   * last commit is at least the commit interval old, else together with what follows, within the
   * interval (a timer commits them if nothing follows). Offsets are only ever those of handled batches.
   */
  private Future<Void> commit(ConsumerBatch<T> batch) {
    pendingCommit.putAll(batch.offsetsToCommit());
    long sinceLast = System.nanoTime() - lastCommitNanos;
    long interval = settings.commitInterval().toNanos();
    if (sinceLast >= interval) {
      return commitPending();
    }
    if (commitTimer == NO_TIMER) {
      commitTimer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(interval - sinceLast)), id -> {
        commitTimer = NO_TIMER;
        commitPending();
      });
    }
    return Future.succeededFuture();
  }

  private Future<Void> commitPending() {
    if (commitTimer != NO_TIMER) {
      vertx.cancelTimer(commitTimer);
      commitTimer = NO_TIMER;
    }
    if (pendingCommit.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = pendingCommit;
    pendingCommit = new HashMap<>();
    lastCommitNanos = System.nanoTime();
    return consumer.commit(offsets)
        .<Void>mapEmpty()
        .recover(failure -> {
          // the effect is already applied: what stays uncommitted is only read again, and replays change nothing
          LOG.warn("Committing offsets of {} partitions for group {} failed; their records may be replayed: {}",
              offsets.size(), settings.groupId(), describe.apply(failure));
          return Future.succeededFuture();
        });
  }

  /** A failure in a log line: its kind and message, never a record's contents. */
  public static String describe(Throwable failure) {
    return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }
}
