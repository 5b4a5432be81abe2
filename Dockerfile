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
# Small footprint, measured with scripts/measure-memory and scripts/bench (which read this line): serial GC,
# C1 only and one compiler thread (at start two C1 threads took a core from the start-up's own threads), a
# fixed heap cap, small thread stacks, the AppCDS archive written below (class data mapped from a file
# instead of parsed from the jar at every start), and free native memory handed back every 10 s. -Xmx96m is
# sized from the measured worst case: 16 accounts on 16 threads, every dashboard answering 5 MB of [{},...]
# and a 4 MB string under equals, left a live heap of about 30 MB after full GCs (bodies in flight are capped
# at 24 MB together), peak RSS 171 MB. Each account adds up to 2 x 32 KB of kept runs: raise -Xmx for many
# more than 20 accounts.
ENV JDK_JAVA_OPTIONS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -Xms16m -Xmx96m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:+ExitOnOutOfMemoryError -XX:SharedArchiveFile=/app/usercanary.jsa -XX:TrimNativeHeapInterval=10000"
# Two glibc malloc arenas instead of one per core and thread: with the trim above, 5 MB less resident
# memory at 20 accounts (scripts/bench rss). scripts/bench reads this line too.
ENV MALLOC_ARENA_MAX=2
# AppCDS: the daemon is trained once, in this image (an archive only fits the JVM build and jar that made
# it), against its embedded demo target until every account ran once, then scraped in both formats, and
# stopped with SIGTERM; the classes it loaded are then dumped into a static archive. Static, not dynamic
# (-XX:ArchiveClassesAtExit): only a static dump takes picocli's classes, compiled for Java 5, which were a
# sixth of the start-up. The training runs on the JDK's own archive; the app archive holds the JDK's
# classes too and replaces it. JDK proxies are generated at run time, not loaded from a jar: left out.
RUN java -XX:SharedArchiveFile="$JAVA_HOME/lib/server/classes.jsa" -XX:DumpLoadedClassList=/tmp/classes.lst \
      -jar /app/usercanary.jar demo --port 9464 --interval 1s --no-incident --write-config /tmp/demo.yaml & pid=$!; \
    poll() { for i in $(seq 60); do JDK_JAVA_OPTIONS= java -jar /app/usercanary.jar healthcheck --url "$1" && return 0; sleep 1; done; return 1; }; \
    poll http://127.0.0.1:9464/-/ready && poll http://127.0.0.1:9464/metrics && poll http://127.0.0.1:9464/; ok=$?; \
    kill -TERM $pid; wait $pid; rm -f /tmp/demo.yaml; \
    grep -v '[$]Proxy' /tmp/classes.lst >/tmp/app-classes.lst && \
    JDK_JAVA_OPTIONS= java -Xshare:dump -XX:SharedClassListFile=/tmp/app-classes.lst -XX:SharedArchiveFile=/app/usercanary.jsa \
      -cp /app/usercanary.jar && rm -f /tmp/classes.lst /tmp/app-classes.lst; \
    [ $ok -eq 0 ] && [ -s /app/usercanary.jsa ]
USER 10001
EXPOSE 9464
# The JRE image has no curl: the jar asks its own health endpoint (exit 0 on 200). Assumes server.port 9464.
# With USERCANARY_WEB_CONFIG_FILE set (run reads it too) it speaks https and sends
# USERCANARY_HEALTHCHECK_USERNAME with USERCANARY_HEALTHCHECK_PASSWORD(_FILE): see "Protecting the endpoints".
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["java", "-Xmx24m", "-Xshare:auto", "-jar", "/app/usercanary.jar", "healthcheck", "--url", "http://127.0.0.1:9464/-/healthy"]
# On SIGTERM flows in flight get up to 10 s to finish, then exit 0: stop with a longer grace than
# Docker's default 10 s (docker stop -t 15; compose stop_grace_period: 15s).
ENTRYPOINT ["java", "-jar", "/app/usercanary.jar"]
CMD ["run", "--config", "/etc/usercanary/usercanary.yaml"]
