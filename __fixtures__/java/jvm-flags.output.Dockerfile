# why: JVM options before -jar do not fit the image's "java -jar" entrypoint: the CMD line becomes one full exec-form ENTRYPOINT with /usr/bin/java and the same words, and no CMD
FROM eclipse-temurin:21-jdk-jammy AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM gcr.io/distroless/java21-debian13
WORKDIR /app
COPY --from=build /src/target/app.jar app.jar
EXPOSE 8080
ENTRYPOINT ["/usr/bin/java", "-XX:MaxRAMPercentage=75.0", "-Djava.security.egd=file:/dev/./urandom", "-jar", "app.jar"]
