package dev.passbridge.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker (KRaft, broker + controller) in this JVM, on fixed ports, with a
 * fresh log directory that is deleted on close. {@link #stop()} and {@link #start()} shut the
 * broker down and bring it back on the same ports with the same data (fault tests).
 */
final class LocalKafka implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final Properties config;
  private KafkaRaftServer server;

  LocalKafka(int port, int controllerPort, Path dir) throws Exception {
    this.port = port;
    this.dir = dir;
    Files.createDirectories(dir);
    String logDir = dir.toAbsolutePath().toString();
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir);
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "3");
    p.put("auto.create.topics.enable", "false");
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    // The log cleaner's offset map lives on the heap; Kafka's default (128 MiB) is sized for
    // production brokers and was a third of the launcher's live heap. The compacted topics here
    // (consumer offsets, Kafka Streams changelogs, the rules and funnel topics) are small: 16 MiB
    // holds ~600,000 keys per cleaning pass.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    new Formatter()
        .setNodeId(1)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir))
        .setMetadataLogDirectory(logDir)
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setControllerListenerName("CONTROLLER")
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .run();
    config = p;
    start();
  }

  /** Starts the broker on the formatted log directory (no-op while it runs). */
  synchronized void start() {
    if (server == null) {
      KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
      started.startup();
      server = started;
    }
  }

  /** Shuts the broker down and keeps its data, so {@link #start()} resumes where it stopped. */
  synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  synchronized boolean running() {
    return server != null;
  }

  String bootstrapServers() {
    return "localhost:" + port;
  }

  @Override
  public void close() throws IOException {
    stop();
    Launcher.deleteRecursively(dir);
  }
}
