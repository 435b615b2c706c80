package dev.passbridge.bench.load;

import dev.passbridge.system.Progress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The benchmark's accounts, registered through the gateway ({@code POST /api/auth/register}), one
 * pool per {@link BenchUser.Kind}. Journeys lease a user and give it back (first in, first out), so
 * no account is in two journeys at once and each rests as long as possible between two.
 */
public final class UserPool {
  private final Map<BenchUser.Kind, BlockingQueue<BenchUser>> free =
      new EnumMap<>(BenchUser.Kind.class);
  private final Map<BenchUser.Kind, Integer> sizes = new EnumMap<>(BenchUser.Kind.class);

  public UserPool() {
    for (BenchUser.Kind k : BenchUser.Kind.values()) {
      free.put(k, new LinkedBlockingQueue<>());
      sizes.put(k, 0);
    }
  }

  public int size(BenchUser.Kind kind) {
    return sizes.get(kind);
  }

  public BenchUser lease(BenchUser.Kind kind) throws InterruptedException {
    BenchUser user = free.get(kind).poll(60, TimeUnit.SECONDS);
    if (user == null) {
      throw new IllegalStateException("no free " + kind + " user for 60 s");
    }
    return user;
  }

  public void release(BenchUser user) {
    free.get(user.kind()).add(user);
  }

  /** Adds accounts made elsewhere (the Keycloak phase's users, created through its admin API). */
  public void addAll(List<BenchUser> users) {
    for (BenchUser user : users) {
      free.get(user.kind()).add(user);
      sizes.merge(user.kind(), 1, Integer::sum);
    }
  }

  /** The setup's steps: registration, and the first upgrade of the passkey users. */
  public static List<String> setupSteps() {
    return List.of(
        "setup.register",
        "setup.login",
        "setup.sms",
        "setup.otp-verify",
        "setup.session",
        "setup.upgrade-options",
        "setup.registration");
  }

  /**
   * Registers {@code count} accounts of a kind (and, for {@link BenchUser.Kind#PASSKEY}, gives each
   * its passkey through the upgrade journey), {@code parallel} at a time.
   *
   * @param vus one virtual user per parallel worker
   */
  public void create(
      BenchUser.Kind kind,
      int count,
      int parallel,
      Supplier<VirtualUser> vus,
      PhaseStats stats,
      String runId)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<BenchUser> created = java.util.Collections.synchronizedList(new ArrayList<>());
    try (Progress progress =
            Progress.watch(
                "setup: " + kind.name().toLowerCase() + " accounts",
                count,
                System.out,
                created::size);
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < parallel; w++) {
        futures.add(
            workers.submit(
                () -> {
                  try (VirtualUser vu = vus.get()) {
                    int n;
                    while ((n = next.getAndIncrement()) < count) {
                      BenchUser user = register(vu, kind, n, stats, runId);
                      if (kind == BenchUser.Kind.PASSKEY) {
                        var registered = Journeys.upgrade(vu, user, stats, "setup.", null);
                        user.passkey(registered.device(), registered.credentialId());
                      }
                      created.add(user);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(
              "setup of " + kind + " users failed: " + e.getCause(), e.getCause());
        }
      }
    }
    free.get(kind).addAll(created);
    sizes.merge(kind, created.size(), Integer::sum);
  }

  private static BenchUser register(
      VirtualUser vu, BenchUser.Kind kind, int n, PhaseStats stats, String runId) {
    vu.newSession(Browsers.FIREFOX_WINDOWS);
    String username = "bench." + kind.name().toLowerCase() + n + "." + runId;
    String password =
        "Bench-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + "-pw";
    String phone = "+49151" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    var reply =
        stats.call(
            "setup.register",
            201,
            () ->
                vu.gateway()
                    .post(
                        "/api/auth/register",
                        Map.of(
                            "username",
                            username,
                            "password",
                            password,
                            "phone",
                            phone,
                            "displayName",
                            "Bench User " + n)));
    return new BenchUser(username, password, reply.text("userId"), kind);
  }
}
