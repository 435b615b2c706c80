package dev.passbridge.examples.analytics;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the funnel topics from the beginning with a plain {@link KafkaConsumer}: every partition is
 * assigned (no consumer group, nothing committed), sought to the beginning, and read up to the end
 * offsets seen at the start ({@link #catchUp}); {@link #follow} keeps reading after that. Erased
 * users are forgotten once the backlog is read and then after each poll ({@link
 * Funnel#forgetErasedUsers}). Shows its progress on a stream (stderr): done/total, rate and time
 * left, about once a second on a terminal and every 10 seconds otherwise (a CI log or a file),
 * between a first and a last line.
 */
final class TopicReader implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long PROGRESS_EVERY_NANOS =
      Duration.ofSeconds(System.console() != null ? 1 : 10).toNanos();

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Funnel funnel;
  private final PrintStream progress;
  private final Map<TopicPartition, Long> begin = new HashMap<>();
  private final Map<TopicPartition, Long> end = new HashMap<>();
  private final Map<String, Long> read = new LinkedHashMap<>();
  private long startNanos;
  private long lastProgressNanos;
  private long records;

  TopicReader(String bootstrapServers, Funnel funnel, PrintStream progress) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "passbridge-analytics-example");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.funnel = funnel;
    this.progress = progress;
  }

  /** Reads every funnel topic from its beginning up to the end offsets seen now. */
  void catchUp() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (FunnelTopic topic : FunnelTopic.values()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.topic());
      if (infos == null || infos.isEmpty()) {
        progress.println("[analytics] topic " + topic.topic() + " does not exist (yet): skipped");
        continue;
      }
      read.put(topic.topic(), 0L);
      infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    begin.putAll(consumer.beginningOffsets(partitions));
    end.putAll(consumer.endOffsets(partitions));
    Set<TopicPartition> remaining = new HashSet<>();
    for (TopicPartition tp : partitions) {
      if (end.get(tp) > begin.get(tp)) {
        remaining.add(tp);
      }
    }
    progress.printf(
        "[analytics] reading %,d records of %d topics (%d partitions) from the beginning%n",
        total(null), read.size(), partitions.size());
    startNanos = lastProgressNanos = System.nanoTime();
    while (!remaining.isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < end.get(tp)) {
          accept(record);
        }
      }
      for (var it = remaining.iterator(); it.hasNext(); ) {
        TopicPartition tp = it.next();
        if (consumer.position(tp) >= end.get(tp)) {
          it.remove();
        }
      }
      if (System.nanoTime() - lastProgressNanos >= PROGRESS_EVERY_NANOS) {
        printProgress();
      }
    }
    // the whole backlog is in: every erased user's older events too, on whichever topic
    funnel.forgetErasedUsers();
    printProgress();
    // in follow mode the next poll continues after the end offsets (records past them, already
    // fetched above and not counted, are fetched again)
    end.forEach(consumer::seek);
  }

  /** Keeps reading new records; {@code onTick} runs about every {@code interval}. */
  void follow(Duration interval, Runnable onTick) {
    long next = System.nanoTime() + interval.toNanos();
    while (!Thread.currentThread().isInterrupted()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        accept(record);
      }
      funnel.forgetErasedUsers();
      if (System.nanoTime() >= next) {
        onTick.run();
        next = System.nanoTime() + interval.toNanos();
      }
    }
  }

  private void accept(ConsumerRecord<byte[], byte[]> record) {
    FunnelTopic.byName(record.topic())
        .ifPresent(topic -> funnel.accept(topic, record.timestamp(), record.value()));
    read.merge(record.topic(), 1L, Long::sum);
    records++;
  }

  private void printProgress() {
    long now = System.nanoTime();
    lastProgressNanos = now;
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    long done = done(null);
    long total = total(null);
    StringBuilder line =
        new StringBuilder(
            String.format(
                "[analytics] %5.1f%% %,d/%,d records, %,.0f records/s%s",
                percent(done, total), done, total, records / seconds, eta(done, total, seconds)));
    for (String topic : read.keySet()) {
      line.append(
          String.format(
              " | %s %,d/%,d",
              shortName(topic), Math.min(read.get(topic), total(topic)), total(topic)));
    }
    progress.println(line);
  }

  /** Offsets passed (records read plus gaps such as transaction markers) up to the end offsets. */
  private long done(String topic) {
    long done = 0;
    for (var e : end.entrySet()) {
      TopicPartition tp = e.getKey();
      if (topic == null || topic.equals(tp.topic())) {
        long position = consumer.position(tp);
        done += Math.max(0, Math.min(position, e.getValue()) - begin.get(tp));
      }
    }
    return done;
  }

  private long total(String topic) {
    long total = 0;
    for (var e : end.entrySet()) {
      if (topic == null || topic.equals(e.getKey().topic())) {
        total += e.getValue() - begin.get(e.getKey());
      }
    }
    return total;
  }

  /** {@code ", ETA 42 s"} from the rate so far; empty when done or nothing was read yet. */
  static String eta(long done, long total, double seconds) {
    if (done <= 0 || done >= total) {
      return "";
    }
    long left = Math.round((total - done) / (done / seconds));
    return left < 120 ? ", ETA " + left + " s" : ", ETA " + left / 60 + " min " + left % 60 + " s";
  }

  private static double percent(long done, long total) {
    return total == 0 ? 100.0 : 100.0 * done / total;
  }

  private static String shortName(String topic) {
    String name = topic.startsWith("passbridge.") ? topic.substring("passbridge.".length()) : topic;
    int dot = name.indexOf('.');
    name = dot >= 0 ? name.substring(dot + 1) : name;
    return name.endsWith(".v1") ? name.substring(0, name.length() - 3) : name;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
