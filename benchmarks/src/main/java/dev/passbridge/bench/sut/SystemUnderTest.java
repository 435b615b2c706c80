package dev.passbridge.bench.sut;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The whole of Passbridge as the launcher runs it (five services, in-process Kafka, embedded Redis,
 * H2), seen from the load generator: where to send requests and how to look inside (memory, JFR).
 */
public interface SystemUnderTest extends AutoCloseable {

  /** Services in the order the launcher starts them; closed in the reverse order. */
  List<String> SERVICES =
      List.of("auth-service", "otp-service", "intelligence-service", "passkey-service", "gateway");

  String gatewayUrl();

  /**
   * The service's own address (auth-service, otp-service, intelligence-service, passkey-service).
   */
  String serviceUrl(String service);

  String bootstrapServers();

  int redisPort();

  /** The operating-system process that runs the system (for its RSS and CPU time). */
  long pid();

  /** Live heap after a full GC, in bytes. */
  long liveHeapAfterGc();

  /** Stops the service (its Spring context) and returns the live heap after GC afterwards. */
  long closeServiceAndCollect(String service);

  /**
   * Each service's share of the live heap: the heap a full GC frees when that service's context is
   * closed, services closed in reverse start order; the rest ({@code "kafka, redis client, JVM"})
   * is what remains. Ends the system's usefulness: call it last.
   */
  default LinkedHashMap<String, Long> liveHeapPerService() {
    LinkedHashMap<String, Long> shares = new LinkedHashMap<>();
    long before = liveHeapAfterGc();
    shares.put("total", before);
    for (String service : SERVICES.reversed()) {
      long after = closeServiceAndCollect(service);
      shares.put(service, Math.max(0, before - after));
      before = after;
    }
    shares.put("rest (Kafka broker, shared classes' statics, JVM)", before);
    return shares;
  }

  void startJfr(Path file);

  void stopJfr();

  /** How the system's JVM runs (flags, version). */
  String jvmDescription();

  @Override
  void close();
}
