package dev.portal.login.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts a set of embedded services in parallel, each on its own thread, printing a line when each
 * starts and when it is ready; stops them in reverse order.
 */
public final class EmbeddedServices implements AutoCloseable {
  private final List<EmbeddedService> services;
  private final PrintStream progress;
  private final List<EmbeddedService> started = new ArrayList<>();

  private EmbeddedServices(List<EmbeddedService> services, PrintStream progress) {
    this.services = List.copyOf(services);
    this.progress = progress;
  }

  /**
   * Starts every service and returns once all are ready. If any fails, the others are stopped and
   * the first failure is thrown.
   */
  public static EmbeddedServices start(List<EmbeddedService> services, PrintStream progress) throws Exception {
    EmbeddedServices running = new EmbeddedServices(services, progress);
    running.startAll();
    return running;
  }

  private void startAll() throws Exception {
    List<CompletableFuture<EmbeddedService>> starts = new ArrayList<>();
    for (EmbeddedService service : services) {
      starts.add(CompletableFuture.supplyAsync(() -> startOne(service), runnable -> startThread(service, runnable)));
    }
    Exception failure = null;
    for (CompletableFuture<EmbeddedService> start : starts) {
      try {
        EmbeddedService service = start.join();
        synchronized (started) {
          started.add(service);
        }
      } catch (CompletionException e) {
        failure = failure == null ? unwrap(e) : failure;
      }
    }
    if (failure != null) {
      close();
      throw failure;
    }
  }

  private static void startThread(EmbeddedService service, Runnable runnable) {
    Thread thread = new Thread(runnable, "embedded-" + service.name().toLowerCase(Locale.ROOT) + "-start");
    thread.setDaemon(true);
    thread.start();
  }

  private EmbeddedService startOne(EmbeddedService service) {
    progress.println("Starting " + service.name() + "...");
    long begin = System.nanoTime();
    try {
      service.start();
    } catch (Exception e) {
      progress.println(service.name() + " failed to start: " + e.getMessage());
      throw new CompletionException(e);
    }
    progress.println(service.name() + " ready on " + service.address() + " in " + seconds(begin));
    return service;
  }

  static String seconds(long beginNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - beginNanos) / 1e9);
  }

  private static Exception unwrap(CompletionException e) {
    return e.getCause() instanceof Exception cause ? cause : e;
  }

  /** Stops the started services, last started first, in the order they were given reversed. */
  @Override
  public void close() {
    List<EmbeddedService> toStop;
    synchronized (started) {
      toStop = new ArrayList<>(started);
      started.clear();
    }
    for (int i = services.size() - 1; i >= 0; i--) {
      EmbeddedService service = services.get(i);
      if (toStop.contains(service)) {
        progress.println("Stopping " + service.name() + "...");
        service.stop();
      }
    }
  }
}
