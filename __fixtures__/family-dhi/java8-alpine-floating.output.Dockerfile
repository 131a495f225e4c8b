# why: Java 8 built on maven:3-eclipse-temurin-8-alpine: DHI's eclipse-temurin 8 JRE has Alpine variants, and the builder's Alpine floats, so the newest (3.24), said in a note
FROM maven:3-eclipse-temurin-8-alpine AS build
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -q package

FROM dhi.io/eclipse-temurin:8-alpine3.24
USER 0
COPY --from=build /build/target/app.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
