# One Dockerfile for all six Storyline services (the five of the pipeline and web-console). Build one with its target, e.g.
#   docker build --target upload-worker -t storyline/upload-worker .
# docker-compose.yml builds every target from here.

# ---------------------------------------------------------------------------
# build: the whole Maven reactor, once, shared by every service target
# ---------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /build

# Poms first: the dependency layer below is rebuilt only when a pom changes.
COPY pom.xml ./
COPY .mvn/ .mvn/
COPY shared-contracts/pom.xml shared-contracts/
COPY storyline-testkit/pom.xml storyline-testkit/
COPY scheduler-service/pom.xml scheduler-service/
COPY upload-worker/pom.xml upload-worker/
COPY instagram-worker/pom.xml instagram-worker/
COPY telegram-worker/pom.xml telegram-worker/
COPY token-worker/pom.xml token-worker/
COPY web-console/pom.xml web-console/
COPY system-tests/pom.xml system-tests/

# Warm the local repository (kept inside the image layer, not in a volume). The reactor's own
# modules cannot be resolved yet, hence the exclusion; anything go-offline misses is fetched by
# the package step below, so a partial warm-up is not an error.
RUN mvn -B -q -Dmaven.repo.local=/build/.m2 \
        org.apache.maven.plugins:maven-dependency-plugin:3.9.0:go-offline \
        -DexcludeGroupIds=dev.storyline \
    || echo "go-offline incomplete; the package step downloads the rest"

# Sources (.dockerignore keeps target/, .git, ops/, samples/ and docs out of the context).
COPY . .
RUN mvn -B -Dmaven.repo.local=/build/.m2 -DskipTests package

# ---------------------------------------------------------------------------
# runtime: what every service image shares — JRE 25 only, a non-root user, a health check
# (the JRE image has neither curl nor wget; ops/docker/healthcheck speaks HTTP over bash's /dev/tcp)
# and the launcher scripts/run-local.sh uses too (ops/jvm: JVM options, AOT cache).
# ---------------------------------------------------------------------------
FROM eclipse-temurin:25-jre AS runtime
RUN groupadd --system --gid 10001 storyline \
 && useradd --system --uid 10001 --gid storyline --home-dir /app --shell /usr/sbin/nologin storyline \
 && mkdir -p /app /var/lib/storyline/hosted && chown -R storyline:storyline /app /var/lib/storyline
COPY --chmod=755 ops/docker/healthcheck /usr/local/bin/healthcheck
COPY --chmod=755 ops/jvm/storyline-java /opt/storyline/storyline-java
COPY ops/jvm/*.options /opt/storyline/
WORKDIR /app
USER storyline
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=6 CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["/opt/storyline/storyline-java","run","/app/service"]

# ---------------------------------------------------------------------------
# One target per service: its jar, unpacked with an AOT cache from a training run in this very
# image (the cache belongs to this JRE and this jar), and its port.
# ---------------------------------------------------------------------------
FROM runtime AS scheduler-service
COPY --from=build --chown=storyline:storyline /build/scheduler-service/target/scheduler-service-exec.jar /tmp/scheduler-service-exec.jar
RUN /opt/storyline/storyline-java prepare /tmp/scheduler-service-exec.jar /app/service && rm /tmp/scheduler-service-exec.jar
ENV SERVER_PORT=8080 MANAGEMENT_PORT=9080
EXPOSE 8080

FROM runtime AS upload-worker
COPY --from=build --chown=storyline:storyline /build/upload-worker/target/upload-worker-exec.jar /tmp/upload-worker-exec.jar
RUN /opt/storyline/storyline-java prepare /tmp/upload-worker-exec.jar /app/service && rm /tmp/upload-worker-exec.jar
ENV SERVER_PORT=8081 MANAGEMENT_PORT=9081
EXPOSE 8081

FROM runtime AS instagram-worker
COPY --from=build --chown=storyline:storyline /build/instagram-worker/target/instagram-worker-exec.jar /tmp/instagram-worker-exec.jar
RUN /opt/storyline/storyline-java prepare /tmp/instagram-worker-exec.jar /app/service && rm /tmp/instagram-worker-exec.jar
ENV SERVER_PORT=8082 MANAGEMENT_PORT=9082
EXPOSE 8082

FROM runtime AS telegram-worker
COPY --from=build --chown=storyline:storyline /build/telegram-worker/target/telegram-worker-exec.jar /tmp/telegram-worker-exec.jar
RUN /opt/storyline/storyline-java prepare /tmp/telegram-worker-exec.jar /app/service && rm /tmp/telegram-worker-exec.jar
ENV SERVER_PORT=8083 MANAGEMENT_PORT=9083
EXPOSE 8083

FROM runtime AS token-worker
COPY --from=build --chown=storyline:storyline /build/token-worker/target/token-worker-exec.jar /tmp/token-worker-exec.jar
RUN /opt/storyline/storyline-java prepare /tmp/token-worker-exec.jar /app/service && rm /tmp/token-worker-exec.jar
ENV SERVER_PORT=8084 MANAGEMENT_PORT=9084
EXPOSE 8084

FROM runtime AS web-console
COPY --from=build --chown=storyline:storyline /build/web-console/target/web-console-exec.jar /tmp/web-console-exec.jar
RUN /opt/storyline/storyline-java prepare /tmp/web-console-exec.jar /app/service && rm /tmp/web-console-exec.jar
ENV SERVER_PORT=8085 MANAGEMENT_PORT=9085
EXPOSE 8085
