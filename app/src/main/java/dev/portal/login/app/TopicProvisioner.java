package dev.portal.login.app;

import dev.portal.login.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the application's topics when they are absent. Idempotent: a topic that already exists
 * (created by an earlier start or another process) is left as it is.
 */
public final class TopicProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Vertx vertx;
  private final String bootstrapServers;
  private final AppConfig.TopicSettings settings;

  public TopicProvisioner(Vertx vertx, String bootstrapServers, AppConfig.TopicSettings settings) {
    this.vertx = vertx;
    this.bootstrapServers = bootstrapServers;
    this.settings = settings;
  }

  /** Completes with the names of the topics this call created (empty when all existed). */
  public Future<Set<String>> provision() {
    // the Admin client blocks on futures, so it runs on a worker thread, never an event loop
    return vertx.executeBlocking(this::createMissingTopics, false);
  }

  private Set<String> createMissingTopics() throws InterruptedException, TimeoutException, ExecutionException {
    long timeoutMs = settings.adminTimeout().toMillis();
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs))) {
      Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      List<NewTopic> missing = Topics.ALL.stream()
          .filter(topic -> !existing.contains(topic))
          .map(topic -> new NewTopic(topic, settings.partitions(), settings.replicationFactor()))
          .toList();
      if (missing.isEmpty()) {
        return Set.of();
      }
      CreateTopicsResult result = admin.createTopics(missing);
      Set<String> created = new TreeSet<>();
      for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
        if (awaitCreation(entry.getValue(), timeoutMs)) {
          created.add(entry.getKey());
        }
      }
      LOG.info("Created topics {} ({} partitions, replication factor {})",
          created, settings.partitions(), settings.replicationFactor());
      return created;
    }
  }

  /** True when created here, false when another process created it first. */
  private static boolean awaitCreation(KafkaFuture<Void> creation, long timeoutMs)
      throws InterruptedException, TimeoutException, ExecutionException {
    try {
      creation.get(timeoutMs, TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw e;
    }
  }
}
