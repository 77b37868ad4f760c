package dev.portal.login.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (broker and controller in one) running inside this JVM, its log under
 * {@code <data dir>/kafka} so topics and offsets survive a restart.
 */
public final class EmbeddedKafka implements EmbeddedService {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final int NODE_ID = 1;
  static final String HOST = "127.0.0.1";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  /** The log cleaner's default 128 MiB dedupe buffer is far more than a single dev node needs. */
  private static final String CLEANER_DEDUPE_BUFFER_BYTES = String.valueOf(2 * 1024 * 1024);
  /** Fewer offset partitions than the default 50: the group coordinator loads faster on one node. */
  private static final String OFFSETS_TOPIC_PARTITIONS = "5";

  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  public EmbeddedKafka(Path dataDir, int port, int controllerPort) {
    this.logDir = dataDir.resolve("kafka").toAbsolutePath();
    this.port = port;
    this.controllerPort = controllerPort;
  }

  @Override
  public String name() {
    return "Kafka";
  }

  @Override
  public String address() {
    return HOST + ":" + port;
  }

  public String bootstrapServers() {
    return address();
  }

  @Override
  public synchronized void start() throws Exception {
    Files.createDirectories(logDir);
    KafkaConfig config = new KafkaConfig(serverProperties(), false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format();
    }
    server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      // returns once the broker is unfenced, i.e. ready for clients
      server.startup();
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private Properties serverProperties() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    props.put("log.dirs", logDir.toString());
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", OFFSETS_TOPIC_PARTITIONS);
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("min.insync.replicas", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.cleaner.dedupe.buffer.size", CLEANER_DEDUPE_BUFFER_BYTES);
    props.put("auto.create.topics.enable", "false");
    return props;
  }

  /** What `kafka-storage.sh format` does: writes meta.properties and the bootstrap metadata. */
  private void format() throws Exception {
    String clusterId = Uuid.randomUuid().toString();
    LOG.info("Formatting Kafka log directory {} for cluster {}", logDir, clusterId);
    new Formatter()
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .setNodeId(NODE_ID)
        .setClusterId(clusterId)
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setMetadataLogDirectory(logDir.toString())
        .addDirectory(logDir.toString())
        .run();
  }

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Kafka did not shut down cleanly: {}", e.toString());
    } finally {
      server = null;
    }
  }
}
