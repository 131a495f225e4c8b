# why: one stage builds the jar with Maven and runs it: refused as single stage until splitting exists, naming the mvn line
FROM maven:3.9-eclipse-temurin-21
WORKDIR /app
COPY pom.xml .
COPY src ./src
RUN mvn -B -q package -DskipTests
EXPOSE 8080
CMD ["java", "-jar", "target/app.jar"]
