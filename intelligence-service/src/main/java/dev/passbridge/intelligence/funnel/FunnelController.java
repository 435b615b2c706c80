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
 * count to that source's logins. A date must lie in the years 0000 to 9999 ({@code invalid-date}
 * otherwise): {@code LocalDate} reads years up to ±999999999, where the default range's {@code
 * minusDays} throws (a 500) and the store's keys, ISO dates compared as text, are no longer in date
 * order.
 */
@RestController
public class FunnelController {
  /** The first and last day a funnel may cover: four-digit years, as the stored keys have. */
  private static final LocalDate FIRST_DAY = LocalDate.of(0, 1, 1);

  private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

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
          "`from` or `to` is not an ISO date from 0000-01-01 to 9999-12-31, `from` is after `to`,"
              + " the range is longer than the service allows, or `source` is neither HOSTED nor"
              + " CONNECT.")
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
    LocalDate date;
    try {
      date = LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      date = null;
    }
    if (date == null || date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY)) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "invalid-date",
          "'" + name + "' must be an ISO date from 0000-01-01 to 9999-12-31 (2025-06-01).");
    }
    return date;
  }
}
