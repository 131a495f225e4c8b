# why: a jlink'd runtime copied to $JAVA_HOME and found through PATH, with RUN mkdir: the split keeps that runtime on java-base (RULES §3) and copies the jar directory
FROM eclipse-temurin:21-jdk AS jre-build
RUN $JAVA_HOME/bin/jlink \
      --add-modules java.base,java.logging,java.net.http \
      --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
      --output /javaruntime

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B package

FROM debian:bookworm-slim AS build-2
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre-build /javaruntime $JAVA_HOME
RUN mkdir /opt/app
COPY --from=build /src/target/pinger.jar /opt/app/pinger.jar
CMD ["java", "-jar", "/opt/app/pinger.jar"]

FROM gcr.io/distroless/java-base-debian13
COPY --from=build-2 /opt/java/openjdk /opt/java/openjdk
COPY --from=build-2 /opt/app /opt/app
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
ENTRYPOINT ["/opt/java/openjdk/bin/java"]
CMD ["-jar", "/opt/app/pinger.jar"]
