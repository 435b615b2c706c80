package dev.passbridge.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  void groupsThreadsByTheirKernelNames() {
    assertThat(ThreadCpu.group("auth-argon2-0")).isEqualTo(ThreadCpu.HASHING);
    assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo(ThreadCpu.JIT);
    assertThat(ThreadCpu.group("C1 CompilerThre")).isEqualTo(ThreadCpu.JIT);
    assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo(ThreadCpu.GC);
    assertThat(ThreadCpu.group("G1 Conc#0")).isEqualTo(ThreadCpu.GC);
    assertThat(ThreadCpu.group("VM Thread")).isEqualTo(ThreadCpu.GC);
    assertThat(ThreadCpu.group("reactor-http-ep")).isEqualTo("other.gateway");
    assertThat(ThreadCpu.group("auth-worker-3")).isEqualTo("other.rest");
  }

  /** The kernel names (15 characters) of the benchmark system's threads, as read in a run. */
  @Test
  void splitsEverythingElseByWhatTheThreadsDo() {
    Map<String, String> parts =
        Map.ofEntries(
            Map.entry("reactor-http-ep", "gateway"),
            Map.entry("ForkJoinPool-1-", "requests"),
            Map.entry("http-nio-127.0.", "requests"),
            Map.entry("data-plane-kafk", "broker"),
            Map.entry("group-coordinat", "broker"),
            Map.entry("kafka-1-raft-io", "broker"),
            Map.entry("quorum-controll", "broker"),
            Map.entry("ExpirationReape", "broker"),
            Map.entry("intelligence-se", "streams"),
            Map.entry("lettuce-epollEv", "redis"),
            Map.entry("kafka-producer-", "rest"),
            Map.entry("kafka-coordinat", "rest"),
            Map.entry("auth-login-comp", "rest"),
            // Keycloak's (Quarkus) request threads: not the broker's
            Map.entry("executor-thread", "rest"));
    parts.forEach((comm, part) -> assertThat(ThreadCpu.part(comm)).as(comm).isEqualTo(part));
    assertThat(ThreadCpu.PARTS).containsAll(parts.values());

    long second = 1_000_000_000L;
    var before =
        new ThreadCpu.Sample(
            Map.of(
                1L, new ThreadCpu.ThreadTime(ThreadCpu.group("reactor-http-ep"), 10 * second),
                2L, new ThreadCpu.ThreadTime(ThreadCpu.group("data-plane-kafk"), 0)));
    var after =
        new ThreadCpu.Sample(
            Map.of(
                1L, new ThreadCpu.ThreadTime(ThreadCpu.group("reactor-http-ep"), 13 * second),
                2L, new ThreadCpu.ThreadTime(ThreadCpu.group("data-plane-kafk"), 2 * second),
                3L, new ThreadCpu.ThreadTime(ThreadCpu.group("auth-argon2-1"), 4 * second)));
    Map<String, Double> cores = ThreadCpu.cores(before, after, 10 * second);
    assertThat(cores.get("other.gateway")).isEqualTo(0.3);
    assertThat(cores.get("other.broker")).isEqualTo(0.2);
    assertThat(cores.get("other.redis")).isEqualTo(0.0);
    assertThat(cores.get(ThreadCpu.OTHER)).isEqualTo(0.5);
    assertThat(cores.get(ThreadCpu.HASHING)).isEqualTo(0.4);
  }

  @Test
  void readsUserPlusSystemTicksAfterTheName() {
    // a stat line after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt
    // majflt cmajflt utime stime ...
    assertThat(ThreadCpu.ticks("R 1 1 1 0 -1 4194304 123 0 0 0 250 31 0 0 20 0 1 0"))
        .isEqualTo(281);
  }

  @Test
  void aSpinningThreadOfThisProcessShowsUpAsCpu() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
    long pid = ProcessHandle.current().pid();
    ThreadCpu.Sample before = ThreadCpu.sample(pid);
    long t0 = System.nanoTime();
    Thread spinner =
        Thread.ofPlatform()
            .name("auth-argon2-test")
            .start(
                () -> {
                  long x = 0;
                  while (System.nanoTime() - t0 < 300_000_000L) {
                    x += Long.numberOfTrailingZeros(x + System.nanoTime());
                  }
                  if (x == 42) {
                    System.out.print("");
                  }
                });
    // sample while the thread is alive: an ended thread's CPU leaves /proc/<pid>/task
    Thread.sleep(250);
    ThreadCpu.Sample after = ThreadCpu.sample(pid);
    long wall = System.nanoTime() - t0;
    spinner.join();

    Map<String, Double> cores = ThreadCpu.cores(before, after, wall);
    assertThat(cores).containsKeys(ThreadCpu.HASHING, ThreadCpu.JIT, ThreadCpu.GC, ThreadCpu.OTHER);
    assertThat(cores.get(ThreadCpu.HASHING)).isGreaterThan(0.1).isLessThanOrEqualTo(1.5);
  }

  @Test
  void aThreadThatEndedBetweenTwoSamplesDoesNotTakeItsGroupsOtherThreadsWithIt() {
    long second = 1_000_000_000L;
    var before =
        new ThreadCpu.Sample(
            Map.of(
                1L, new ThreadCpu.ThreadTime(ThreadCpu.JIT, 50 * second),
                2L, new ThreadCpu.ThreadTime(ThreadCpu.JIT, 10 * second),
                3L, new ThreadCpu.ThreadTime(ThreadCpu.OTHER, 7 * second)));
    // thread 1 (a surplus compiler thread) ended, 2 compiled for 4 s, 4 started and compiled 1 s,
    // 3's id went to a new hashing thread that ran 2 s
    var after =
        new ThreadCpu.Sample(
            Map.of(
                2L, new ThreadCpu.ThreadTime(ThreadCpu.JIT, 14 * second),
                4L, new ThreadCpu.ThreadTime(ThreadCpu.JIT, 1 * second),
                3L, new ThreadCpu.ThreadTime(ThreadCpu.HASHING, 2 * second)));

    Map<String, Double> cores = ThreadCpu.cores(before, after, 10 * second);

    assertThat(cores.get(ThreadCpu.JIT)).isEqualTo(0.5);
    assertThat(cores.get(ThreadCpu.HASHING)).isEqualTo(0.2);
    assertThat(cores.get(ThreadCpu.OTHER)).isEqualTo(0.0);
    assertThat(cores.get(ThreadCpu.GC)).isEqualTo(0.0);
  }

  @Test
  void noProcessNoGroups() {
    assertThat(ThreadCpu.sample(Long.MAX_VALUE).isEmpty()).isTrue();
    var one = new ThreadCpu.Sample(Map.of(1L, new ThreadCpu.ThreadTime(ThreadCpu.JIT, 5L)));
    assertThat(ThreadCpu.cores(ThreadCpu.Sample.NONE, one, 10)).isEmpty();
  }
}
