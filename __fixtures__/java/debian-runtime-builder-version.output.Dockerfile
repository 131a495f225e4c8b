# why: the runtime stage's own image (debian:bookworm-slim) names no Java version, so it comes from the stage the jar is copied from (maven:3.9-eclipse-temurin-21, Java 21); the copied JDK and its ENV lines are kept as they are
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM gcr.io/distroless/java21-debian13
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=build /opt/java/openjdk /opt/java/openjdk
COPY --from=build /src/target/app.jar /srv/app.jar
CMD ["/srv/app.jar"]
