package dev.passbridge.gateway.edge.internal;

import dev.passbridge.gateway.problem.PayloadTooLargeException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * A streamed request body (no {@code Content-Length}) counted as it flows, failed with {@link
 * PayloadTooLargeException} (mapped to 413) once it passes the limit.
 */
public final class BodyLimit extends ServerHttpRequestDecorator {
  private final long limit;

  public BodyLimit(ServerHttpRequest request, long limit) {
    super(request);
    this.limit = limit;
  }

  @Override
  public Flux<DataBuffer> getBody() {
    AtomicLong seen = new AtomicLong();
    return super.getBody()
        .handle(
            (buffer, sink) -> {
              if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                DataBufferUtils.release(buffer);
                sink.error(new PayloadTooLargeException(limit));
              } else {
                sink.next(buffer);
              }
            });
  }
}
