# One image recipe for every Passbridge service: docker build --build-arg SERVICE=auth-service .
# Build the jars first (./mvnw -q package -DskipTests); the image takes the service's executable jar,
# extracts it into plain jars (app.jar + lib/, so that the JDK's class data sharing and AOT cache can
# use them: they take classes from jars on the class path only), split into layers (dependencies
# change rarely, the application often), and runs as a non-root user.
# --build-arg AOT_TRAINING=true adds the JDK's AOT cache (JEP 483/514/515): a training run at build
# time that refreshes the Spring context and exits (-Dspring.context.exit=onRefresh), with the
# profile AOT_TRAINING_PROFILE (default local); the image uses app.aot when it is there.
ARG JAVA_IMAGE=eclipse-temurin:25-jre

FROM ${JAVA_IMAGE} AS layers
ARG SERVICE
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM ${JAVA_IMAGE}
ARG SERVICE
ARG PORT=8080
# the gateway keeps actuator off its public port and answers /readyz there instead
ARG HEALTH_PATH=/actuator/health/readiness
ARG AOT_TRAINING=false
ARG AOT_TRAINING_PROFILE=local
ENV SERVICE=${SERVICE} SERVER_PORT=${PORT} HEALTH_PATH=${HEALTH_PATH} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
RUN groupadd --system --gid 10001 passbridge \
 && useradd --system --uid 10001 --gid passbridge --home /app --shell /usr/sbin/nologin passbridge
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# a training run that cannot refresh its context here (a service whose beans reach for their database at
# start) leaves no cache and the image runs without one
RUN if [ "${AOT_TRAINING}" = "true" ]; then \
      java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh \
           -Dspring.profiles.active=${AOT_TRAINING_PROFILE} -jar app.jar \
      || { echo "AOT training run failed: no cache"; rm -f app.aot; }; \
    fi
USER 10001
EXPOSE ${PORT}
# bash asks for HEALTH_PATH (the JRE image has no curl); the script keeps its mode from the repository
COPY deploy/docker/healthcheck /usr/local/bin/passbridge-healthcheck
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=5 \
  CMD ["/usr/local/bin/passbridge-healthcheck"]
# exec: java is PID 1 and gets the signals
ENTRYPOINT ["sh", "-c", "if [ -f app.aot ]; then exec java -XX:AOTCache=app.aot -jar app.jar; else exec java -jar app.jar; fi"]
