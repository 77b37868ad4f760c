package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PasswordHashingExecutorTest {

  @Test
  @DisplayName("with every thread busy and the queue full, a new job is refused at once as overloaded with Retry-After,"
      + " and the accepted jobs still complete on the caller's context")
  void refusesWhenFull(Vertx vertx, VertxTestContext testContext) throws InterruptedException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PasswordHashingExecutor executor = new PasswordHashingExecutor(vertx, 1, 1, registry);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Checkpoint completed = testContext.checkpoint(2);
    Context caller = vertx.getOrCreateContext();

    caller.runOnContext(v -> {
      Future<String> busy = executor.submit(() -> {
        running.countDown();
        release.await();
        return "first";
      });
      busy.onComplete(testContext.succeeding(result -> testContext.verify(() -> {
        assertEquals("first", result);
        assertSame(caller, Vertx.currentContext());
        completed.flag();
      })));
      awaitQuietly(running);
      Future<Void> roomLeft = executor.refuseIfFull();
      Future<String> queued = executor.submit(() -> "second");
      Future<String> refused = executor.submit(() -> "third");
      Future<Void> askedWhenFull = executor.refuseIfFull();
      testContext.verify(() -> {
        assertTrue(roomLeft.succeeded(), "a free queue slot lets the request go on");
        assertEquals(ProblemType.OVERLOADED, ((ProblemException) askedWhenFull.cause()).problem().type(),
            "a full queue refuses before any work is spent");
        assertEquals(1.0, registry.get("auth.password.hash.queue.depth").gauge().value());
        assertEquals(1.0, registry.get("auth.password.hash.queue.capacity").gauge().value());
        ProblemException problem = (ProblemException) refused.cause();
        assertEquals(ProblemType.OVERLOADED, problem.problem().type());
        assertEquals(1L, problem.problem().retryAfterSeconds());
        assertEquals(2.0, registry.get("auth.overload.refusals").counter().count(), "both refusals counted");
      });
      queued.onComplete(testContext.succeeding(result -> testContext.verify(() -> {
        assertEquals("second", result);
        assertSame(caller, Vertx.currentContext());
        executor.shutdown();
        completed.flag();
      })));
      release.countDown();
    });
  }

  @Test
  @DisplayName("exports its queue bound beside the depth, so a saturation alert can read depth over capacity")
  void exportsTheBound(Vertx vertx) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PasswordHashingExecutor executor = new PasswordHashingExecutor(vertx, 2, 16, registry);
    try {
      assertEquals(16.0, registry.get("auth.password.hash.queue.capacity").gauge().value());
      assertEquals(0.0, registry.get("auth.password.hash.queue.depth").gauge().value());
    } finally {
      executor.shutdown();
    }
  }

  @Test
  @DisplayName("a job that throws fails its future and is timed like any other")
  void propagatesFailures(Vertx vertx, VertxTestContext testContext) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PasswordHashingExecutor executor = new PasswordHashingExecutor(vertx, 1, 1, registry);
    executor.submit(() -> {
      throw new IllegalStateException("boom");
    }).onComplete(testContext.failing(failure -> testContext.verify(() -> {
      assertEquals("boom", failure.getMessage());
      assertEquals(1L, registry.get("auth.password.hash.duration").timer().count());
      executor.shutdown();
      testContext.completeNow();
    })));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
