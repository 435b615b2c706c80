package dev.passbridge.bench.jmh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this module from the benchmark's own process (forked JVMs with the
 * system's JVM flags), the console output going to a file.
 */
public final class JmhRunner {
  private final List<String> jvmArgs;
  private final Path output;
  private final int warmups;
  private final int warmupSeconds;
  private final int iterations;
  private final int seconds;
  private int runs;

  /**
   * @param output a directory for JMH's own output
   * @param quick shorter warm-up and measurement
   */
  public JmhRunner(List<String> jvmArgs, Path output, boolean quick) {
    this(jvmArgs, output, quick ? 1 : 3, quick ? 1 : 3, quick ? 2 : 4, quick ? 1 : 4);
  }

  /** With explicit warm-up and measurement iterations (seconds each). */
  public JmhRunner(
      List<String> jvmArgs,
      Path output,
      int warmups,
      int warmupSeconds,
      int iterations,
      int seconds) {
    this.warmups = warmups;
    this.warmupSeconds = warmupSeconds;
    this.iterations = iterations;
    this.seconds = seconds;
    this.jvmArgs = List.copyOf(jvmArgs);
    this.output = output;
    try {
      java.nio.file.Files.createDirectories(output);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * One JMH result.
   *
   * @param threads benchmark threads
   * @param score ops/s (throughput) or µs/op (average time)
   */
  public record Result(
      String benchmark,
      String params,
      int threads,
      String mode,
      double score,
      double error,
      String unit) {}

  /** Throughput with {@code threads} threads: the same-run baseline of a target. */
  public Result throughput(
      Class<?> benchmark, String method, Map<String, String> params, int threads)
      throws RunnerException {
    var options =
        base(benchmark, method, params)
            .mode(org.openjdk.jmh.annotations.Mode.Throughput)
            .timeUnit(TimeUnit.SECONDS)
            .threads(threads);
    return single(options, threads);
  }

  /** Average time per call on one thread. */
  public Result averageTime(Class<?> benchmark, String method, Map<String, String> params)
      throws RunnerException {
    var options =
        base(benchmark, method, params)
            .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
            .timeUnit(TimeUnit.MICROSECONDS)
            .threads(1);
    return single(options, 1);
  }

  private ChainedOptionsBuilder base(
      Class<?> benchmark, String method, Map<String, String> params) {
    ChainedOptionsBuilder b =
        new OptionsBuilder()
            .include("^" + java.util.regex.Pattern.quote(benchmark.getName() + "." + method) + "$")
            .forks(1)
            .warmupIterations(warmups)
            .warmupTime(TimeValue.seconds(warmupSeconds))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(seconds))
            .jvmArgs(jvmArgs.toArray(String[]::new))
            .shouldFailOnError(true)
            .output(
                output
                    .resolve(benchmark.getSimpleName() + "-" + method + "-" + (++runs) + ".txt")
                    .toString());
    params.forEach((k, v) -> b.param(k, v));
    return b;
  }

  private static Result single(ChainedOptionsBuilder options, int threads) throws RunnerException {
    Collection<RunResult> results = new Runner(options.build()).run();
    List<RunResult> list = new ArrayList<>(results);
    if (list.size() != 1) {
      throw new IllegalStateException("expected one JMH result, got " + list.size());
    }
    RunResult r = list.getFirst();
    var primary = r.getPrimaryResult();
    var p = r.getParams();
    StringBuilder ps = new StringBuilder();
    for (String key : p.getParamsKeys()) {
      if (!ps.isEmpty()) {
        ps.append(", ");
      }
      ps.append(key).append('=').append(p.getParam(key));
    }
    String name = p.getBenchmark();
    return new Result(
        name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
        ps.toString(),
        threads,
        p.getMode().shortLabel(),
        primary.getScore(),
        primary.getScoreError(),
        primary.getScoreUnit());
  }
}
