package dev.portal.login.identity;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs password hashing on its own threads, one per core, with a bounded queue: when the queue is
 * full the request is refused at once (503 overloaded, Retry-After) instead of piling up. Results
 * come back on the caller's Vert.x context, so handlers continue on their event loop.
 */
public final class PasswordHashingExecutor {
  static final long RETRY_AFTER_SECONDS = 1;

  private final Vertx vertx;
  private final ThreadPoolExecutor executor;
  private final Timer duration;
  private final Counter refusals;

  public PasswordHashingExecutor(Vertx vertx, int threads, int queueCapacity, MeterRegistry registry) {
    this.vertx = vertx;
    this.executor = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity), new NamedThreads(), new ThreadPoolExecutor.AbortPolicy());
    this.duration = Timer.builder("auth.password.hash.duration")
        .description("Time to compute or verify one argon2id hash, queueing excluded")
        .register(registry);
    this.refusals = Counter.builder("auth.overload.refusals")
        .description("Requests refused because the password hashing queue was full")
        .register(registry);
    Gauge.builder("auth.password.hash.queue.depth", executor, e -> e.getQueue().size())
        .description("Password hashing jobs waiting for a thread")
        .register(registry);
    // the bound beside the depth, so alerts and panels read a ratio whatever HASH_QUEUE_CAPACITY is
    Gauge.builder("auth.password.hash.queue.capacity", () -> queueCapacity)
        .description("Password hashing jobs that may wait at most; beyond it requests are refused as overloaded")
        .register(registry);
  }

  /**
   * Fails at once, counted and answered exactly like a refused {@link #submit}, when a job submitted now
   * would be refused. A login asks this before anything else, so in a surge a request that cannot be
   * served costs no database lookup, lock check or Redis round trip: that work would come out of the
   * same cores the accepted requests' hashes need. {@link #submit} still enforces the bound.
   */
  public Future<Void> refuseIfFull() {
    if (executor.getQueue().remainingCapacity() > 0) {
      return Future.succeededFuture();
    }
    refusals.increment();
    return Future.failedFuture(overloaded());
  }

  /**
   * Runs a blocking hash job; the future completes on the calling context.
   *
   * @return a failed future with problem {@code overloaded} when every thread and queue slot is taken
   */
  public <T> Future<T> submit(Callable<T> job) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    try {
      executor.execute(() -> run(job, context, promise));
    } catch (RejectedExecutionException e) {
      refusals.increment();
      return Future.failedFuture(overloaded());
    }
    return promise.future();
  }

  private static ProblemException overloaded() {
    return new ProblemException(Problem.of(ProblemType.OVERLOADED,
            "Too many sign-ins are being processed; try again shortly.")
        .withRetryAfter(RETRY_AFTER_SECONDS));
  }

  private <T> void run(Callable<T> job, Context context, Promise<T> promise) {
    Timer.Sample sample = Timer.start();
    try {
      T result = job.call();
      sample.stop(duration);
      context.runOnContext(v -> promise.complete(result));
    } catch (Exception | LinkageError e) {
      sample.stop(duration);
      context.runOnContext(v -> promise.fail(e));
    }
  }

  public void shutdown() {
    executor.shutdown();
  }

  private static final class NamedThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "password-hashing-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
