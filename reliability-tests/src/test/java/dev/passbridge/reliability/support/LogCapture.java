package dev.passbridge.reliability.support;

import dev.passbridge.journeysupport.Clients;
import dev.passbridge.journeysupport.Flow;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every log line of the run, and the secrets that must never appear in one (docs/architecture.md
 * §7: no secret or PII in logs).
 *
 * <p>Lines come from three places: while the in-process services start, this JVM's console (teed to
 * {@code in-process-startup.log}); after that, an appender on Logback's root logger (every event
 * with its key-values, MDC and full stack trace, in {@code in-process.log}; the test framework's
 * own console output is not captured); and each separately started instance's console ({@code
 * <service>-b.log}).
 *
 * <p>Secrets: every password the tests use contains {@link #PASSWORD_MARKER} (so any password, even
 * a malformed or truncated one, is found without knowing it), the demo passwords, every OTP code
 * the tests saw (a 6-digit token bounded by non-digits), every phone number in full (with or
 * without {@code +}), and anything shaped like a JWT (session tokens, forged ones included).
 */
public final class LogCapture implements Flow.Secrets {
  /** Part of every password the reliability tests type. */
  public static final String PASSWORD_MARKER = Clients.PASSWORD_MARKER;

  private static final List<String> DEMO_PASSWORDS =
      List.of("passbridge-alice-1", "passbridge-bob-1", "passbridge-admin-1");
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

  private final Path dir;
  private final Path inProcess;
  private final Set<String> codes = ConcurrentHashMap.newKeySet();
  private final Set<String> phoneDigits = ConcurrentHashMap.newKeySet();
  private volatile long linesScanned;

  /** A line that carries a secret; {@code excerpt} has the secret masked. */
  public record Finding(String kind, String file, String excerpt) {}

  private final PrintStream console;
  private final PrintStream consoleErr;
  private final OutputStream startup;

  /**
   * Starts capturing: until {@link #servicesStarted()}, everything on the console (the services'
   * start-up logs) goes to {@code in-process-startup.log}.
   */
  LogCapture(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir.resolve("logs"));
    this.inProcess = this.dir.resolve("in-process.log");
    this.console = System.out;
    this.consoleErr = System.err;
    this.startup = new FileOutputStream(this.dir.resolve("in-process-startup.log").toFile(), true);
    System.setOut(tee(console, startup));
    System.setErr(tee(consoleErr, startup));
  }

  /**
   * The in-process services are up and Spring Boot will not reset Logback again: from now on every
   * log event of this JVM goes to {@code in-process.log} through an appender on the root logger
   * (message, key-value pairs, MDC and the full stack trace), and the test framework's own console
   * output (assertion messages, reports) is no longer captured.
   */
  void servicesStarted() throws IOException {
    System.setOut(console);
    System.setErr(consoleErr);
    startup.close();
    var context =
        (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    var encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger : %msg %kvp %mdc%n%ex{full}");
    encoder.start();
    var appender = new ch.qos.logback.core.FileAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    appender.setContext(context);
    appender.setName("reliability-log-capture");
    appender.setFile(inProcess.toString());
    appender.setEncoder(encoder);
    appender.setImmediateFlush(true);
    appender.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }

  private static PrintStream tee(PrintStream console, OutputStream file) {
    return new PrintStream(
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            synchronized (file) {
              file.write(b);
            }
            console.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            synchronized (file) {
              file.write(b, off, len);
            }
            console.write(b, off, len);
          }

          @Override
          public void flush() throws IOException {
            synchronized (file) {
              file.flush();
            }
            console.flush();
          }
        },
        true,
        StandardCharsets.UTF_8);
  }

  @Override
  public void code(String code) {
    if (code != null && code.matches("\\d{6}")) {
      codes.add(code);
    }
  }

  @Override
  public void phone(String e164) {
    if (e164 != null) {
      phoneDigits.add(e164.replace("+", ""));
    }
  }

  public int codesKnown() {
    return codes.size();
  }

  public long linesScanned() {
    return linesScanned;
  }

  /** Scans every log file from the start (all lines, so later-registered secrets count too). */
  public synchronized List<Finding> scan() throws IOException {
    List<Finding> found = new ArrayList<>();
    long lines = 0;
    try (var files = Files.newDirectoryStream(dir, "*.log")) {
      for (Path file : files) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String line;
          while ((line = reader.readLine()) != null) {
            lines++;
            inspect(file.getFileName().toString(), line, found);
          }
        } catch (java.nio.charset.MalformedInputException e) {
          // a binary fragment in a log; read it leniently
          for (String line :
              new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n")) {
            lines++;
            inspect(file.getFileName().toString(), line, found);
          }
        }
      }
    }
    linesScanned = lines;
    return found;
  }

  private void inspect(String file, String line, List<Finding> found) {
    if (line.contains(PASSWORD_MARKER)) {
      found.add(new Finding("password", file, mask(line, PASSWORD_MARKER)));
    }
    for (String demo : DEMO_PASSWORDS) {
      if (line.contains(demo)) {
        found.add(new Finding("password", file, mask(line, demo)));
      }
    }
    Matcher jwt = JWT.matcher(line);
    if (jwt.find()) {
      found.add(new Finding("session token", file, mask(line, jwt.group())));
    }
    Matcher digits = DIGITS.matcher(line);
    while (digits.find()) {
      String run = digits.group();
      if (run.length() == 6 && codes.contains(run)) {
        found.add(new Finding("otp code", file, mask(line, run)));
      } else if (run.length() >= 8 && phoneDigits.contains(run)) {
        found.add(new Finding("phone number", file, mask(line, run)));
      }
    }
  }

  private static String mask(String line, String secret) {
    String masked = line.replace(secret, "<" + "*".repeat(Math.min(secret.length(), 6)) + ">");
    return masked.length() > 300 ? masked.substring(0, 300) + "…" : masked;
  }

  public Path directory() {
    return dir;
  }
}
