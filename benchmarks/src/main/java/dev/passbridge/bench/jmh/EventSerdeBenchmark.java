package dev.passbridge.bench.jmh;

import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.contracts.serde.EventJson;
import dev.passbridge.contracts.serde.EventSerializer;
import dev.passbridge.contracts.topics.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The largest event, {@code PasswordAuthenticated}, through the contracts' serializer (JSON plus
 * CloudEvents headers, as every producer sends it) and back (as every consumer reads it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventSerdeBenchmark {
  private final EventSerializer serializer = new EventSerializer();
  private PasswordAuthenticated event;
  private byte[] bytes;

  @Setup
  public void setUp() {
    event =
        new PasswordAuthenticated(
            UUID.randomUUID(),
            Instant.now(),
            UUID.randomUUID(),
            "AAAAAAAAAAAAAAAAAAAAAA",
            "bench.password17.run",
            "Bench User 17",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345",
            new SecondFactor("SMS", "+4915112345678"),
            new ClientSignals(
                true,
                Map.of(
                    "conditionalCreate", true,
                    "conditionalGet", true,
                    "passkeyPlatformAuthenticator", true,
                    "userVerifyingPlatformAuthenticator", true),
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like"
                    + " Gecko) Chrome/140.0.0.0 Safari/537.36",
                Map.of("sec-ch-ua-platform-version", "\"15.0.0\"")),
            new Platform("Mac OS", null, "Chrome", "140", "Desktop"));
    bytes = EventJson.write(event);
  }

  @Benchmark
  public byte[] serialize() {
    return serializer.serialize(Topics.PASSWORD_AUTHENTICATED.name(), new RecordHeaders(), event);
  }

  @Benchmark
  public PasswordAuthenticated deserialize() {
    return EventJson.read(bytes, PasswordAuthenticated.class);
  }
}
