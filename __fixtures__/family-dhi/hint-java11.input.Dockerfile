# why: distroless has no Java 11 image (java11 went with Debian 11); DHI's eclipse-temurin has it: the refusal names it
FROM maven:3.9-eclipse-temurin-11 AS build
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -q package -DskipTests

FROM eclipse-temurin:11-jre
WORKDIR /app
COPY --from=build /build/target/service.jar service.jar
ENTRYPOINT ["java", "-Xmx512m", "-jar", "service.jar"]
