import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hash-bound limit: argon2id verifications per second on all cores with nothing else running,
 * using the same library and parameters as the login path. Prints one JSON line.
 * Usage: java -cp login-backend.jar HashRate.java MEMORY_KIB ITERATIONS PARALLELISM THREADS SECONDS
 */
public class HashRate {
  public static void main(String[] args) throws Exception {
    int memoryKib = Integer.parseInt(args[0]);
    int iterations = Integer.parseInt(args[1]);
    int parallelism = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    double seconds = Double.parseDouble(args[4]);
    Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    char[] password = "benchmark password 2026".toCharArray();
    String hash = argon2.hash(iterations, memoryKib, parallelism, password);
    for (int i = 0; i < 3; i++) {
      argon2.verify(hash, password); // warm-up
    }
    AtomicLong done = new AtomicLong();
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    Thread[] workers = new Thread[threads];
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      workers[t] = new Thread(() -> {
        while (System.nanoTime() < deadline) {
          if (!argon2.verify(hash, password)) {
            throw new IllegalStateException("verification failed");
          }
          done.incrementAndGet();
        }
      });
      workers[t].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("BENCHJSON {\"verifications\":%d,\"seconds\":%.3f,\"per_second\":%.2f,\"threads\":%d,"
        + "\"ms_per_hash_per_thread\":%.2f}%n", done.get(), elapsed, done.get() / elapsed, threads,
        threads * elapsed * 1000 / Math.max(1, done.get()));
  }
}
