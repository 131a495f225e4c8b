# why: maven builder, eclipse-temurin JRE runtime (Java 21): CMD ["java", "-jar", JAR, ARGS...] keeps the jar and its arguments in CMD for the image's "java -jar" entrypoint; the inherited /__cacert_entrypoint.sh wrapper is dropped
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:21-jre
WORKDIR /opt/app
COPY --from=build /build/target/billing-1.0.0.jar billing.jar
EXPOSE 8080
CMD ["java", "-jar", "billing.jar", "--spring.profiles.active=prod"]
