package dev.passbridge.intelligence.funnel;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.intelligence.IntelligenceProperties;
import dev.passbridge.intelligence.funnel.internal.FunnelQuery;
import dev.passbridge.platform.core.session.Session;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.session.CurrentSession;
import dev.passbridge.platform.web.ProblemException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/insights/funnel?from=&to=&source=} (admin): the upgrade funnel per UTC day,
 * platform and source. Both dates are optional ISO dates (inclusive); the default is the last 7
 * days up to today. {@code source} ({@code HOSTED} or {@code CONNECT}, optional) restricts every
 * count to that source's logins.
 */
@RestController
public class FunnelController {
  private final FunnelQuery query;
  private final Clock clock;
  private final IntelligenceProperties properties;

  public FunnelController(FunnelQuery query, Clock clock, IntelligenceProperties properties) {
    this.query = query;
    this.clock = clock;
    this.properties = properties;
  }

  @GetMapping(value = "/api/insights/funnel", produces = MediaType.APPLICATION_JSON_VALUE)
  @ProblemResponse(
      status = 400,
      code = {
        "invalid-date",
        "invalid-date-range",
        "date-range-too-long",
        "invalid-source",
        "validation-failed"
      },
      description =
          "`from` or `to` is not an ISO date, `from` is after `to`, the range is longer than the"
              + " service allows, or `source` is neither HOSTED nor CONNECT.")
  FunnelReport funnel(
      @CurrentSession(role = "admin") Session admin,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String source) {
    LocalDate end =
        to == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : date("to", to);
    LocalDate start = from == null ? end.minusDays(6) : date("from", from);
    if (start.isAfter(end)) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-date-range", "'from' must not be after 'to'.");
    }
    if (ChronoUnit.DAYS.between(start, end) + 1 > properties.funnelMaxDays()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "date-range-too-long",
          "Ask for at most " + properties.funnelMaxDays() + " days at once.");
    }
    return query.report(start, end, source(source));
  }

  private static LoginSource source(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LoginSource.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-source", "'source' must be HOSTED or CONNECT.");
    }
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "invalid-date",
          "'" + name + "' must be an ISO date (2025-06-01).");
    }
  }
}
