# why: Chainguard's free jre is Java 26 only; the app runs on Java 21: refused naming both versions, and the families that have 21
FROM eclipse-temurin:21-jdk AS build
COPY . /src
RUN cd /src && ./mvnw -q package

FROM eclipse-temurin:21-jre
COPY --from=build /src/target/app.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
