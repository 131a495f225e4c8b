# why: openjdk:17-jdk-slim is Java 17; the stage's own ENTRYPOINT ["java","-jar","/app.jar"] gets the absolute /usr/bin/java and, being rewritten, is written as ["a", "b"] with comma and space
FROM maven:3.8-openjdk-17 AS build
WORKDIR /app
COPY pom.xml .
COPY src src
RUN mvn -B package -DskipTests

FROM gcr.io/distroless/java17-debian13
COPY --from=build /app/target/demo-0.0.1-SNAPSHOT.jar /app.jar
EXPOSE 8080
ENTRYPOINT ["/usr/bin/java", "-jar", "/app.jar"]
