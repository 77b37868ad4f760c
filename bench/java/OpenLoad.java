import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load: password logins ARRIVE at a fixed rate whatever the server does (unlike a
 * closed loop, an overloaded server cannot slow the offered load down). Latency is measured from
 * each request's scheduled start, so queueing inside the client counts against the server
 * (no coordinated omission). Prints one JSON line.
 * Usage: java OpenLoad.java BASE_URL ACCOUNTS_FILE RATE_PER_SECOND SECONDS
 */
public class OpenLoad {
  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    List<String> bodies = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      String[] parts = line.split("\t", 2);
      bodies.add("{\"identifier\":\"" + parts[0] + "\",\"password\":\"" + parts[1] + "\"}");
    }
    double rate = Double.parseDouble(args[2]);
    double seconds = Double.parseDouble(args[3]);
    int total = (int) Math.round(rate * seconds);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(4))
        .connectTimeout(Duration.ofSeconds(5)).build();
    URI uri = URI.create(baseUrl + "/api/v1/auth/login");
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<Double> acceptedMs = Collections.synchronizedList(new ArrayList<>());
    List<Double> refusedMs = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(total);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long scheduled = start + (long) (i * 1e9 / rate);
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
      http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
        double ms = (System.nanoTime() - scheduled) / 1e6;
        if (error != null) {
          failures.incrementAndGet();
        } else {
          statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
          (response.statusCode() == 200 ? acceptedMs : refusedMs).add(ms);
        }
        finished.countDown();
      });
    }
    long sentIn = System.nanoTime() - start;
    finished.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    Map<Integer, Integer> byStatus = new TreeMap<>();
    statuses.forEach((status, count) -> byStatus.put(status, count.get()));
    StringBuilder statusJson = new StringBuilder("{");
    byStatus.forEach((status, count) -> statusJson.append(statusJson.length() > 1 ? "," : "")
        .append('"').append(status).append("\":").append(count));
    statusJson.append('}');
    int ok = byStatus.getOrDefault(200, 0);
    System.out.printf("BENCHJSON {\"offered_per_second\":%.2f,\"requests\":%d,\"send_seconds\":%.3f,"
        + "\"seconds\":%.3f,\"goodput_per_second\":%.2f,\"statuses\":%s,\"client_failures\":%d,"
        + "\"accepted_p50_ms\":%.2f,\"accepted_p99_ms\":%.2f,\"refused_p50_ms\":%.2f,\"refused_p99_ms\":%.2f}%n",
        rate, total, sentIn / 1e9, elapsed, ok / (seconds), statusJson, failures.get(),
        percentile(acceptedMs, 50), percentile(acceptedMs, 99), percentile(refusedMs, 50), percentile(refusedMs, 99));
    System.exit(0);
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
  }
}
