package dev.passbridge.system;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A progress line for long work (the benchmark's setup, the soak's loads): {@code [label] 120/500
 * (24%), 12.3/s, ETA 31 s}, at most one line every {@code every} (10 s unless {@code
 * -Dpassbridge.progress.every=PT2S} says otherwise), and nothing at all for work that ends sooner,
 * so CI logs get a handful of lines per minute. Counts come from {@link #add}/{@link #set} or from
 * a supplier the printer polls. Written here rather than taken from a library: the few progress-bar
 * libraries redraw one terminal line, which a CI log records as hundreds of lines.
 */
public final class Progress implements AutoCloseable {
  public static final Duration DEFAULT_EVERY =
      Duration.parse(System.getProperty("passbridge.progress.every", "PT10S"));

  private final String label;
  private final long total;
  private final long everyNanos;
  private final PrintStream out;
  private final AtomicLong done = new AtomicLong();
  private final LongSupplier source;
  private final long startNanos;
  private long nextNanos;
  private boolean printed;
  private final Thread printer;
  private volatile boolean running = true;

  private Progress(
      String label, long total, Duration every, PrintStream out, LongSupplier source, long now) {
    this.label = label;
    this.total = total;
    this.everyNanos = every.toNanos();
    this.out = out;
    this.source = source;
    this.startNanos = now;
    this.nextNanos = now + everyNanos;
    this.printer = null;
  }

  private Progress(String label, long total, Duration every, PrintStream out, LongSupplier source) {
    this.label = label;
    this.total = total;
    this.everyNanos = every.toNanos();
    this.out = out;
    this.source = source == null ? done::get : source;
    this.startNanos = System.nanoTime();
    this.nextNanos = startNanos + everyNanos;
    this.printer =
        Thread.ofPlatform()
            .daemon()
            .name("progress-" + label)
            .start(
                () -> {
                  while (running) {
                    try {
                      Thread.sleep(Math.min(1000, Math.max(1, everyNanos / 1_000_000)));
                    } catch (InterruptedException e) {
                      return;
                    }
                    tick(System.nanoTime());
                  }
                });
  }

  /** Counts through {@link #add}/{@link #set}; {@code total} 0 or less when unknown. */
  public static Progress start(String label, long total, PrintStream out) {
    return new Progress(label, total, DEFAULT_EVERY, out, null);
  }

  /** Polls {@code done} for the count (a load's ended flows, say). */
  public static Progress watch(String label, long total, PrintStream out, LongSupplier done) {
    return new Progress(label, total, DEFAULT_EVERY, out, done);
  }

  /** Without a printer thread: {@link #tick} is called with the time (tests). */
  static Progress manual(
      String label, long total, Duration every, PrintStream out, LongSupplier done, long now) {
    return new Progress(label, total, every, out, done, now);
  }

  public void add(long n) {
    done.addAndGet(n);
  }

  public void set(long n) {
    done.set(n);
  }

  /** Prints a line if {@code every} has passed since the last one. */
  synchronized void tick(long now) {
    if (now < nextNanos) {
      return;
    }
    out.println(line(source.getAsLong(), now - startNanos));
    out.flush();
    printed = true;
    nextNanos = now + everyNanos;
  }

  /** {@code [label] 120/500 (24%), 12.3/s, ETA 31 s}; without a total: count and rate. */
  String line(long count, long elapsedNanos) {
    double seconds = Math.max(1e-9, elapsedNanos / 1e9);
    double rate = count / seconds;
    StringBuilder s = new StringBuilder("  [").append(label).append("] ").append(count);
    if (total > 0) {
      s.append('/').append(total);
      s.append(String.format(" (%.0f%%)", 100.0 * Math.min(count, total) / total));
    }
    s.append(String.format(", %.1f/s", rate));
    if (total > 0 && count < total) {
      s.append(rate > 0 ? ", ETA " + eta((total - count) / rate) : ", ETA unknown");
    }
    s.append(String.format(", %.0f s so far", seconds));
    return s.toString();
  }

  static String eta(double seconds) {
    long s = Math.round(seconds);
    return s < 120 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
  }

  /** Stops the printer; if it printed anything, one closing line with the final count. */
  @Override
  public void close() {
    running = false;
    if (printer != null) {
      printer.interrupt();
      try {
        printer.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (printed) {
        out.println(line(source.getAsLong(), System.nanoTime() - startNanos) + " (done)");
        out.flush();
      }
    }
  }
}
