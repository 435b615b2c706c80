package dev.passbridge.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {
  private final List<Thread> created = new CopyOnWriteArrayList<>();
  private final ThreadFactory platformThreads =
      r -> {
        Thread t = Thread.ofPlatform().daemon().name("test-argon2").unstarted(r);
        created.add(t);
        return t;
      };

  @Test
  void hashesOnItsOwnPlatformThreadsNotOnTheCallersVirtualThread() throws Exception {
    try (Argon2PasswordHasher hasher =
        new Argon2PasswordHasher(1024, 2, 1, 2, Duration.ofSeconds(5), platformThreads)) {
      AtomicReference<Boolean> verified = new AtomicReference<>();
      Thread.ofVirtual()
          .start(() -> verified.set(hasher.verify("secret", hasher.hash("secret"))))
          .join();

      assertThat(verified.get()).isTrue();
      assertThat(created).isNotEmpty().noneMatch(Thread::isVirtual);
    }
  }

  @Test
  void aCallerThatFindsNoFreeSlotInTimeIsTurnedAway() throws Exception {
    try (Argon2PasswordHasher hasher =
        new Argon2PasswordHasher(65536, 8, 1, 1, Duration.ofMillis(20), platformThreads)) {
      String hash = new Argon2PasswordHasher(1024, 1, 1, 1, Duration.ofSeconds(1)).hash("x");
      CountDownLatch started = new CountDownLatch(1);
      Thread slow =
          Thread.ofVirtual()
              .start(
                  () -> {
                    started.countDown();
                    hasher.hash("a long hash that holds the only slot");
                  });
      started.await();
      Thread.sleep(50);
      assertThatThrownBy(() -> hasher.verify("x", hash))
          .isInstanceOf(HashingCapacityExceededException.class);
      slow.join();
      // the slot is free again once the long hash has ended
      assertThat(hasher.verify("x", hash)).isTrue();
    }
  }

  @Test
  void aClosedHasherRefusesWork() {
    Argon2PasswordHasher hasher =
        new Argon2PasswordHasher(1024, 1, 1, 1, Duration.ofSeconds(1), platformThreads);
    hasher.close();
    assertThatThrownBy(() -> hasher.hash("x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void malformedHashesNeverVerify() {
    try (Argon2PasswordHasher hasher =
        new Argon2PasswordHasher(1024, 1, 1, 1, Duration.ofSeconds(1))) {
      assertThat(hasher.verify("x", null)).isFalse();
      assertThat(hasher.verify("x", "$2a$10$bcrypt")).isFalse();
    }
  }
}
