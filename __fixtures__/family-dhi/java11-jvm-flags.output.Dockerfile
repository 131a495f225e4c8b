# why: distroless has no Java 11 image; DHI's eclipse-temurin has 11 (end of life 2027-10-31): the stage's own ENTRYPOINT with its JVM flag stays as written, java being on the image's PATH
FROM maven:3.9-eclipse-temurin-11 AS build
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -q package -DskipTests

FROM dhi.io/eclipse-temurin:11-debian13
USER 0
WORKDIR /app
COPY --from=build /build/target/service.jar service.jar
ENTRYPOINT ["java", "-Xmx512m", "-jar", "service.jar"]
