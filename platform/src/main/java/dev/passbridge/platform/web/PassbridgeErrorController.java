package dev.passbridge.platform.web;

import dev.passbridge.platform.core.problem.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What the servlet container forwards to {@code /error} (a status set outside Spring MVC: TRACE's
 * 405, a filter's {@code sendError}, an exception no handler saw) is answered as a problem,
 * whatever the client accepts: Spring Boot's {@code BasicErrorController} answered JSON of its own
 * shape ({@code timestamp}, {@code error}, {@code path}) or a Whitelabel HTML page. {@code /error}
 * called directly has no status: 404.
 */
@Controller
public class PassbridgeErrorController implements ErrorController {
  private final ProblemCounter problems;

  public PassbridgeErrorController(ProblemCounter problems) {
    this.problems = problems;
  }

  @RequestMapping("${server.error.path:${error.path:/error}}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Problem problem =
        request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status
                && status >= 400
            ? Problem.ofStatus(status)
            : Problem.notFound();
    problems.count(problem.status(), problem.code());
    response.resetBuffer();
    EdgeRulesFilter.write(response, problem);
  }
}
