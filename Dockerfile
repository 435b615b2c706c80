# One image recipe for every Passbridge service: docker build --build-arg SERVICE=auth-service .
# Build the jars first (./mvnw -q package -DskipTests); the image takes the service's executable jar,
# splits it into layers (dependencies change rarely, the application often) and runs as a non-root user.
ARG JAVA_IMAGE=eclipse-temurin:25-jre

FROM ${JAVA_IMAGE} AS layers
ARG SERVICE
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${JAVA_IMAGE}
ARG SERVICE
ARG PORT=8080
# the gateway keeps actuator off its public port and answers /readyz there instead
ARG HEALTH_PATH=/actuator/health/readiness
ENV SERVICE=${SERVICE} SERVER_PORT=${PORT} HEALTH_PATH=${HEALTH_PATH} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
RUN groupadd --system --gid 10001 passbridge \
 && useradd --system --uid 10001 --gid passbridge --home /app --shell /usr/sbin/nologin passbridge
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=5 \
  CMD curl -fsS "http://localhost:${SERVER_PORT}${HEALTH_PATH}" || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
