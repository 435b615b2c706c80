package dev.passbridge.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/** How listeners commit their offsets: once per commit interval, or after every record. */
class ListenerCommitsTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  PassbridgeKafkaAutoConfiguration.class, KafkaAutoConfiguration.class))
          // the container factory's settings only: no broker, so no topics to create
          .withPropertyValues(
              "passbridge.kafka.create-topics=false", "spring.kafka.admin.auto-create=false");

  @Test
  void listenersCommitOncePerHundredMillisecondsByDefault() {
    runner.run(
        context -> {
          ContainerProperties container =
              containerProperties(context.getBean("kafkaListenerContainerFactory"));
          assertThat(container.getAckMode()).isEqualTo(AckMode.TIME);
          assertThat(container.getAckTime()).isEqualTo(100);
        });
  }

  @Test
  void zeroCommitsAfterEveryRecord() {
    runner
        .withPropertyValues("passbridge.kafka.commit-interval=0")
        .run(
            context ->
                assertThat(
                        containerProperties(context.getBean("kafkaListenerContainerFactory"))
                            .getAckMode())
                    .isEqualTo(AckMode.RECORD));
  }

  @Test
  void aCommitIntervalCommitsWhatWasHandledInItAtOnce() {
    runner
        .withPropertyValues("passbridge.kafka.commit-interval=150ms")
        .run(
            context -> {
              ContainerProperties container =
                  containerProperties(context.getBean("kafkaListenerContainerFactory"));
              assertThat(container.getAckMode()).isEqualTo(AckMode.TIME);
              assertThat(container.getAckTime()).isEqualTo(150);
            });
  }

  private static ContainerProperties containerProperties(Object factory) {
    return ((ConcurrentKafkaListenerContainerFactory<?, ?>) factory).getContainerProperties();
  }
}
