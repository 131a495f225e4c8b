# why: the jlink runtime is made on Alpine (eclipse-temurin:21-jdk-alpine, a musl build of the JVM); java-base is Debian's glibc and cannot load it: refused naming the COPY
FROM eclipse-temurin:21-jdk-alpine AS jre
RUN jlink --add-modules java.base,java.logging,java.net.http,java.sql --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output /opt/jre

FROM gradle:8.10-jdk21 AS build
WORKDIR /home/gradle/src
COPY . .
RUN gradle shadowJar --no-daemon

FROM debian:bookworm-slim
ENV JAVA_HOME=/opt/jre
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/jre /opt/jre
COPY --from=build /home/gradle/src/build/libs/app-all.jar /srv/app.jar
WORKDIR /srv
CMD ["java", "-jar", "app.jar"]
