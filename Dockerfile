# usercanary: the daemon image. Build: docker build -t usercanary .
# Run: docker run -v $PWD/usercanary.yaml:/etc/usercanary/usercanary.yaml:ro -p 9464:9464 usercanary
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin usercanary \
 && mkdir -p /etc/usercanary
COPY --from=build /src/target/usercanary.jar /app/usercanary.jar
USER 10001
EXPOSE 9464
# Small footprint, measured with scripts/measure-memory (which reads this line): serial GC, C1 only,
# a fixed heap cap, small thread stacks. -Xmx96m is sized from the measured worst case: 16 accounts on 16
# threads, every dashboard answering 5 MB of [{},...] and a 4 MB string under equals, left a live heap of
# about 30 MB after full GCs (bodies in flight are capped at 24 MB together), peak RSS 171 MB. Each account
# adds up to 2 x 32 KB of kept runs: raise -Xmx for many more than 20 accounts.
ENV JDK_JAVA_OPTIONS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -Xmx96m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:+ExitOnOutOfMemoryError"
# The JRE image has no curl: the jar asks its own health endpoint (exit 0 on 200). Assumes server.port 9464.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["java", "-Xmx24m", "-Xshare:auto", "-jar", "/app/usercanary.jar", "healthcheck", "--url", "http://127.0.0.1:9464/-/healthy"]
# On SIGTERM flows in flight get up to 10 s to finish, then exit 0: stop with a longer grace than
# Docker's default 10 s (docker stop -t 15; compose stop_grace_period: 15s).
ENTRYPOINT ["java", "-jar", "/app/usercanary.jar"]
CMD ["run", "--config", "/etc/usercanary/usercanary.yaml"]
