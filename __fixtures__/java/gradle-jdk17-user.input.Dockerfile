# why: Java 17 (gradle:8-jdk17 builder, eclipse-temurin:17-jre-jammy runtime); the user "spring" created with groupadd/useradd becomes nonroot with the :nonroot tag, and the stage's own ENTRYPOINT gets /usr/bin/java
FROM gradle:8-jdk17 AS build
WORKDIR /home/gradle/project
COPY --chown=gradle:gradle . .
RUN gradle bootJar --no-daemon

FROM eclipse-temurin:17-jre-jammy
RUN groupadd --system spring && useradd --system --gid spring spring
WORKDIR /app
COPY --from=build /home/gradle/project/build/libs/app.jar app.jar
USER spring
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
