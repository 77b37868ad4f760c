import dev.portal.login.contracts.EventIds;
import dev.portal.login.contracts.SecurityEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Audit ingest: produces N login events straight to the login-events topic, then follows the audit
 * writer's own count of rows written (audit_rows_written_total on /metrics: a cheap read, where a
 * count(*) of the table every 250 ms would compete with the writer it measures) until every one is
 * a row, and checks the table once at the end. Prints one JSON line with rows/s and the lag curve.
 * Usage: java -cp login-backend.jar AuditIngest.java BOOTSTRAP JDBC_URL USER N TIMEOUT_SECONDS METRICS_URL
 */
public class AuditIngest {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String jdbcUrl = args[1];
    String user = args[2];
    int count = Integer.parseInt(args[3]);
    double timeoutSeconds = Double.parseDouble(args[4]);
    URI metrics = URI.create(args[5]);
    HttpClient http = HttpClient.newHttpClient();
    try (Connection db = DriverManager.getConnection(jdbcUrl, user, "")) {
      long before = rows(db);
      long writtenBefore = rowsWritten(http, metrics);
      Properties props = new Properties();
      props.put("bootstrap.servers", bootstrap);
      props.put("acks", "all");
      props.put("linger.ms", "20");
      props.put("batch.size", "262144");
      props.put("compression.type", "lz4");
      // the events are made before the clock starts: what is timed is Kafka and the audit writer, not this JVM
      List<ProducerRecord<String, String>> records = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        UUID account = UUID.randomUUID();
        String event = new SecurityEvent(EventIds.next(), "login.failed", SecurityEvent.SCHEMA_VERSION,
            Instant.now(), account, account.toString(), "username", "198.51.100." + (i % 250), "bench/1.0",
            "bench-" + i, "failure", "bad_credentials", null).toJson().encode();
        records.add(new ProducerRecord<>("auth.login-events", account.toString(), event));
      }
      long produceStart;
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
        producer.partitionsFor("auth.login-events");
        produceStart = System.nanoTime();
        records.forEach(producer::send);
        producer.flush();
      }
      double produced = (System.nanoTime() - produceStart) / 1e9;
      List<String> curve = new ArrayList<>();
      long start = produceStart;
      long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
      long written = 0;
      while (System.nanoTime() < deadline) {
        written = rowsWritten(http, metrics) - writtenBefore;
        double t = (System.nanoTime() - start) / 1e9;
        curve.add(String.format("[%.2f,%d]", t, written));
        if (written >= count) {
          break;
        }
        Thread.sleep(100);
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      long inTable = rows(db) - before;
      System.out.printf("BENCHJSON {\"events\":%d,\"produce_seconds\":%.3f,\"rows\":%d,\"rows_in_table\":%d,"
          + "\"seconds\":%.3f,\"rows_per_second\":%.1f,\"complete\":%s,\"curve\":[%s]}%n", count, produced,
          written, inTable, elapsed, written / elapsed, written >= count && inTable >= count,
          String.join(",", curve));
    }
  }

  /** The audit writer's audit_rows_written_total, summed over its series. */
  static long rowsWritten(HttpClient http, URI metrics) throws Exception {
    String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("audit_rows_written_total")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) total;
  }

  static long rows(Connection db) throws Exception {
    try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM audit.audit_event")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
