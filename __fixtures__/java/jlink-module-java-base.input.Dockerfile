# why: the stage runs a jlink'd runtime (/opt/jre, built from the app's modules in the JDK stage) with -m module/Main; /usr/bin/java of a javaNN image has no such module, so the target is java-base-debian13 (no JVM of its own, no ENTRYPOINT, root by default), keeping /opt/jre and the ENTRYPOINT exactly as written
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests
RUN jlink --module-path target/modules \
        --add-modules com.example.ledger \
        --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
        --output /opt/jre

FROM debian:bookworm-slim
COPY --from=build /opt/jre /opt/jre
EXPOSE 8080
ENTRYPOINT ["/opt/jre/bin/java", "-m", "com.example.ledger/com.example.ledger.Main"]
