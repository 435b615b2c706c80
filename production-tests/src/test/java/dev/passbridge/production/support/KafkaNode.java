package dev.passbridge.production.support;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One node (controller + broker) of the 3-node KRaft cluster, as its own process: {@code java -cp
 * <test classpath> dev.passbridge.production.support.KafkaNode <server.properties> <cluster id>}.
 * Formats the log directory on the first start (as {@code kafka-storage.sh format} does) and keeps
 * it on a restart, then runs Kafka's own {@link KafkaRaftServer} until the process is killed.
 */
public final class KafkaNode {
  private KafkaNode() {}

  public static void main(String[] args) throws Exception {
    Properties config = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      config.load(in);
    }
    String logDir = config.getProperty("log.dirs");
    if (!Files.exists(Path.of(logDir, "meta.properties"))) {
      new Formatter()
          .setNodeId(Integer.parseInt(config.getProperty("node.id")))
          .setClusterId(args[1])
          .setDirectories(List.of(logDir))
          .setMetadataLogDirectory(logDir)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName("CONTROLLER")
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .run();
    }
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
    server.startup();
    System.out.println("KafkaNode " + config.getProperty("node.id") + " started");
    new CountDownLatch(1).await(); // until SIGKILL (or SIGTERM: the JVM exits)
  }
}
