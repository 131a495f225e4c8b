# why: the runtime stage copies a whole JDK from the build stage (/opt/java/openjdk) and runs it through its own PATH: that runtime is kept with its path on java-base-debian13 (RULES §3, a runtime the stage copies), not swapped for /usr/bin/java of java21; the ENV lines stay
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM debian:bookworm-slim
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=build /opt/java/openjdk /opt/java/openjdk
COPY --from=build /src/target/app.jar /srv/app.jar
CMD ["java", "-jar", "/srv/app.jar"]
