package dev.passbridge.bench.sut;

import dev.passbridge.launcher.Launcher;
import java.nio.file.Path;
import java.util.Map;

/**
 * The system in the load generator's own JVM: for the smoke run in {@code verify}, where start-up
 * time matters more than the JIT. Never for numbers.
 */
public final class InProcessSystem implements SystemUnderTest {
  private final SystemControl control;
  private final int servicePortBase;

  private InProcessSystem(Launcher launcher, int servicePortBase) {
    this.control = new SystemControl(launcher);
    this.servicePortBase = servicePortBase;
  }

  public static InProcessSystem start(Map<String, String> properties, Path stateDir)
      throws Exception {
    int base =
        ForkedSystem.freeRange(10); // the services, base + 8 (gateway management), base + 9 (shop)
    Launcher launcher =
        Launcher.start(
            new Launcher.Settings(
                ForkedSystem.freePort(),
                ForkedSystem.freeRange(2),
                ForkedSystem.freePort(),
                base,
                stateDir,
                properties));
    return new InProcessSystem(launcher, base);
  }

  @Override
  public String gatewayUrl() {
    return control.launcher().url();
  }

  @Override
  public String serviceUrl(String service) {
    int offset = SERVICES.indexOf(service);
    if (offset < 0 || offset > 3) {
      throw new IllegalArgumentException(service);
    }
    return "http://localhost:" + (servicePortBase + offset);
  }

  @Override
  public String bootstrapServers() {
    return control.launcher().bootstrapServers();
  }

  @Override
  public int redisPort() {
    return control.launcher().redisPort();
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public long liveHeapAfterGc() {
    return SystemControl.liveHeapAfterGc();
  }

  @Override
  public long closeServiceAndCollect(String service) {
    return control.closeServiceAndCollect(service);
  }

  @Override
  public void startJfr(Path file) {
    control.startJfr(file);
  }

  @Override
  public void stopJfr() {
    control.stopJfr();
  }

  @Override
  public String jvmDescription() {
    return SystemControl.jvmDescription() + " (in the load generator's JVM)";
  }

  @Override
  public void close() {
    try {
      control.launcher().close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
