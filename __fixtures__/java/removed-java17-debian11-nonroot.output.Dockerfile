# why: java17-debian11 was removed with Debian 11 (2024-09-03), but Java 17 has a current image: it moves to java17-debian13 keeping the user's :nonroot tag; CMD ["app.jar"] already suits the image's java -jar entrypoint
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM gcr.io/distroless/java17-debian13:nonroot
WORKDIR /app
COPY --from=build /src/target/app.jar app.jar
CMD ["app.jar"]
