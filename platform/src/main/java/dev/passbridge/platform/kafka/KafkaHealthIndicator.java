package dev.passbridge.platform.kafka;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Readiness of the Kafka connection: the cluster answers {@code describeCluster} in time. */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {
  private final AdminClient admin;

  public KafkaHealthIndicator(Map<String, Object> adminProperties) {
    super("Kafka health check failed");
    var props = new java.util.HashMap<>(adminProperties);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
    this.admin = AdminClient.create(props);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000));
    int nodes = cluster.nodes().get(2, TimeUnit.SECONDS).size();
    builder.up().withDetail("clusterId", cluster.clusterId().get(2, TimeUnit.SECONDS));
    builder.withDetail("nodes", nodes);
  }

  @Override
  public void destroy() {
    admin.close(java.time.Duration.ofSeconds(1));
  }
}
