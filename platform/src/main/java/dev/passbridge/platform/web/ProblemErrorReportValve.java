package dev.passbridge.platform.web;

import dev.passbridge.platform.core.problem.Problem;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word as a problem. Some requests never reach Spring: a request line with characters
 * Tomcat refuses ({@code ?a=[}, {@code |}, {@code {}}), a path that is not percent-encoded UTF-8
 * ({@code /%ff}), an encoded slash or NUL. Tomcat answers those 400 itself, through the host's
 * error report valve, whose page is HTML ("HTTP Status 400 – Bad Request"). This valve takes its
 * place (the same checks of when to write, a problem instead of the page); what Spring answers is
 * untouched, since it has written its body before this runs.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(Problem.ofStatus(status).members()));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the answer was already on its way: nothing more to say
    }
  }
}
