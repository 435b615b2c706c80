package dev.passbridge.gateway.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class KeepAliveReadsTest {

  /** Counts the reads requested from further down the pipeline. */
  static final class ReadCounter extends ChannelOutboundHandlerAdapter {
    int reads;

    @Override
    public void read(ChannelHandlerContext ctx) {
      reads++;
      ctx.read();
    }
  }

  /** Reactor Netty's own event instance: fails here first if an upgrade renames or drops it. */
  static Object terminatedEvent() throws ReflectiveOperationException {
    Field instance = Class.forName(KeepAliveReads.TERMINATED_EVENT).getDeclaredField("INSTANCE");
    instance.setAccessible(true);
    return instance.get(null);
  }

  @Test
  void readsAgainWhenTheOperationsOfAKeptAliveRequestHaveTerminated() throws Exception {
    ReadCounter counter = new ReadCounter();
    EmbeddedChannel channel = new EmbeddedChannel(counter, KeepAliveReads.INSTANCE);
    channel.config().setAutoRead(false);
    int before = counter.reads;

    channel.pipeline().fireUserEventTriggered(terminatedEvent());
    assertThat(counter.reads).as("only after the tasks the event scheduled").isEqualTo(before);
    channel.runPendingTasks();

    assertThat(counter.reads).isEqualTo(before + 1);
    channel.finishAndReleaseAll();
  }

  @Test
  void otherEventsDoNotRead() {
    ReadCounter counter = new ReadCounter();
    EmbeddedChannel channel = new EmbeddedChannel(counter, KeepAliveReads.INSTANCE);
    channel.config().setAutoRead(false);
    int before = counter.reads;

    channel.pipeline().fireUserEventTriggered("something else");
    channel.runPendingTasks();

    assertThat(counter.reads).isEqualTo(before);
    channel.finishAndReleaseAll();
  }
}
