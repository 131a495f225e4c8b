# why: two java CMD lines; the last one has JVM flags before -jar, so it becomes one full exec-form ENTRYPOINT with /usr/bin/java and no CMD; the earlier CMD of the same stage would stay in force and be appended as arguments ("... -jar app.jar java -jar app.jar --spring.profiles.active=dev"): the earlier CMD line is deleted
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM gcr.io/distroless/java21-debian13
WORKDIR /app
COPY --from=build /src/target/app.jar app.jar
EXPOSE 8080
ENTRYPOINT ["/usr/bin/java", "-XX:MaxRAMPercentage=75.0", "-jar", "app.jar"]
