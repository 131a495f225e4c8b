FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -q package -DskipTests

FROM eclipse-temurin:21-jre
COPY --from=build /src/target/app.jar /opt/app/app.jar
USER 1001
CMD ["java", "-jar", "/opt/app/app.jar", "--server.port=8080"]
