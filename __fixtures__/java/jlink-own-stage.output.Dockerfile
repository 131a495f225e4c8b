# why: jlink --output /opt/jre in its own stage writes /opt/jre/bin/java (program provenance through the COPY --from=jre), so the copied runtime runs on java-base-debian13 from the same path (RULES §3); Temurin's JVM is a glibc build
FROM eclipse-temurin:21-jdk-jammy AS jre
RUN jlink --add-modules java.base,java.logging,java.net.http,java.sql --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output /opt/jre

FROM gradle:8.10-jdk21 AS build
WORKDIR /home/gradle/src
COPY . .
RUN gradle shadowJar --no-daemon

FROM gcr.io/distroless/java-base-debian13
ENV JAVA_HOME=/opt/jre
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/jre /opt/jre
COPY --from=build /home/gradle/src/build/libs/app-all.jar /srv/app.jar
WORKDIR /srv
ENTRYPOINT ["/opt/jre/bin/java"]
CMD ["-jar", "app.jar"]
