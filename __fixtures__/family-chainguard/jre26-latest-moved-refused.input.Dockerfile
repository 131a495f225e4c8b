# why: cgr.dev/chainguard/jre:latest was Java 26 on 2026-08-22; Java 26 ended when Java 27 shipped (2026-09-15), after which :latest is Java 27: refused, not moved onto another JVM major
FROM maven:3-eclipse-temurin-26 AS build
COPY . /src
RUN mvn -f /src/pom.xml -q package

FROM eclipse-temurin:26-jre
COPY --from=build /src/target/app.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
