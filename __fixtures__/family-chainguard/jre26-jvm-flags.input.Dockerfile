# why: Chainguard's jre is Java 26 (26.0.2.1 as of 2026-08-22), the app's: its ENTRYPOINT is java alone, so the stage's own ENTRYPOINT names it by its absolute path and keeps -jar and the JVM option; WORKDIR is absolute, so the image's /app does not matter; USER 0 keeps root
FROM eclipse-temurin:26-jdk AS build
WORKDIR /src
COPY . .
RUN ./gradlew --no-daemon bootJar

FROM eclipse-temurin:26-jre
WORKDIR /srv
COPY --from=build /src/build/libs/app.jar app.jar
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "app.jar"]
