# why: a jlink'd runtime copied to /opt/jre and found through the stage's own PATH runs the jar; it runs on java-base-debian13 keeping that runtime: the program is written by the absolute path it resolved to (/opt/jre/bin/java) as ENTRYPOINT and its arguments stay in CMD (java-base has no entrypoint); never /usr/bin/java of a javaNN image
FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /workspace
COPY . .
RUN ./gradlew --no-daemon bootJar
RUN jlink --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.crypto.ec,jdk.unsupported \
        --strip-debug --no-man-pages --no-header-files --compress=2 \
        --output /opt/jre

FROM gcr.io/distroless/java-base-debian13
COPY --from=build /opt/jre /opt/jre
ENV PATH="/opt/jre/bin:${PATH}"
WORKDIR /opt/app
COPY --from=build /workspace/build/libs/reports.jar reports.jar
EXPOSE 8080
ENTRYPOINT ["/opt/jre/bin/java"]
CMD ["-jar", "reports.jar"]
