package dev.passbridge.production.support;

import dev.passbridge.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A 3-node KRaft cluster, each node (controller + broker) its own process ({@link KafkaNode}) with
 * its own log directory, replicated as production runs it: replication factor 3 and {@code
 * min.insync.replicas} 2 for every internal topic.
 */
public final class KafkaCluster {
  public static final int NODES = 3;

  private final List<Proc> nodes = new ArrayList<>();
  private final int[] brokerPorts = new int[NODES];
  private final Admin admin;

  public KafkaCluster(Path dir) throws IOException {
    int[] controllerPorts = new int[NODES];
    for (int i = 0; i < NODES; i++) {
      brokerPorts[i] = TestInfrastructure.freePort();
      controllerPorts[i] = TestInfrastructure.freePort();
    }
    String voters =
        java.util.stream.IntStream.range(0, NODES)
            .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i])
            .collect(Collectors.joining(","));
    String clusterId = Uuid.randomUuid().toString();
    String classpath = System.getProperty("java.class.path");
    for (int i = 0; i < NODES; i++) {
      int id = i + 1;
      Path nodeDir = Files.createDirectories(dir.resolve("kafka-" + id));
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", String.valueOf(id));
      p.put("controller.quorum.voters", voters);
      p.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:"
              + brokerPorts[i]
              + ",CONTROLLER://127.0.0.1:"
              + controllerPorts[i]);
      p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts[i]);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("log.dirs", nodeDir.resolve("data").toString());
      p.put("default.replication.factor", "3");
      p.put("min.insync.replicas", "2");
      p.put("offsets.topic.replication.factor", "3");
      p.put("offsets.topic.num.partitions", "3");
      p.put("transaction.state.log.replication.factor", "3");
      p.put("transaction.state.log.min.isr", "2");
      p.put("share.coordinator.state.topic.replication.factor", "3");
      p.put("share.coordinator.state.topic.min.isr", "2");
      p.put("num.partitions", "3");
      p.put("auto.create.topics.enable", "false");
      p.put("group.initial.rebalance.delay.ms", "0");
      // a killed broker is noticed (fenced, out of the ISR) within seconds, not 9 s + 30 s
      p.put("broker.session.timeout.ms", "6000");
      p.put("replica.lag.time.max.ms", "10000");
      p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
      Path config = nodeDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        p.store(out, "KRaft node " + id);
      }
      nodes.add(
          new Proc(
              "kafka-" + id,
              List.of(
                  Proc.java(),
                  "-Xmx320m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+ExitOnOutOfMemoryError",
                  "-cp",
                  classpath,
                  KafkaNode.class.getName(),
                  config.toString(),
                  clusterId),
              Map.of(),
              dir.resolve("logs").resolve("kafka-" + id + ".log")));
    }
    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    Cleanup.onEnd(() -> admin.close(Duration.ofSeconds(2)));
  }

  public void start() throws IOException {
    for (Proc node : nodes) {
      node.start();
    }
  }

  /** Waits until all three brokers are registered and answer. */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      for (Proc node : nodes) {
        if (!node.alive()) {
          throw new IllegalStateException(node + " exited; see " + node.log());
        }
      }
      try {
        if (admin.describeCluster().nodes().get().size() == NODES) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Kafka cluster not ready after " + timeout, last);
  }

  /**
   * Waits until node {@code id} answers on its own listener and the cluster (through it) lists all
   * three brokers; returns when it is back.
   */
  public void awaitNodeBack(int id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin direct =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + brokerPorts[id - 1],
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
      while (System.nanoTime() < deadline) {
        if (!node(id).alive()) {
          throw new IllegalStateException(node(id) + " exited; see " + node(id).log());
        }
        try {
          if (direct.describeCluster().nodes().get().size() == NODES) {
            return;
          }
        } catch (Exception e) {
          // not yet
        }
        Thread.sleep(250);
      }
    }
    throw new IllegalStateException("kafka-" + id + " not back after " + timeout);
  }

  public String bootstrapServers() {
    return java.util.Arrays.stream(brokerPorts)
        .mapToObj(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(","));
  }

  public Proc node(int id) {
    return nodes.get(id - 1);
  }

  public Admin admin() {
    return admin;
  }

  /** The partitions of a topic as the cluster describes them. */
  public List<TopicPartitionInfo> partitions(String topic) throws Exception {
    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    return d.partitions();
  }

  /** The node leading partition 0 of a topic. */
  public int leader(String topic) throws Exception {
    return partitions(topic).getFirst().leader().id();
  }

  /** Partitions (of all topics) whose ISR is smaller than their replica list. */
  public long underReplicated() throws Exception {
    var names = admin.listTopics().names().get();
    long n = 0;
    for (TopicDescription d : admin.describeTopics(names).allTopicNames().get().values()) {
      for (TopicPartitionInfo p : d.partitions()) {
        if (p.isr().size() < p.replicas().size()) {
          n++;
        }
      }
    }
    return n;
  }
}
