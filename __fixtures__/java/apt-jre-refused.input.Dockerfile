# why: the runtime stage installs a JRE with apt-get, so no image reference shows which Java runs there: refuse naming the line (start from an eclipse-temurin:NN-jre image instead)
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/app.jar /srv/app.jar
CMD ["java", "-jar", "/srv/app.jar"]
