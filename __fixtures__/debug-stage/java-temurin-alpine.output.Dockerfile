FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -q package -DskipTests

FROM eclipse-temurin:21-jre-alpine AS debug
WORKDIR /
COPY --from=build /src/target/app.jar /opt/app/app.jar
USER 1001
ENTRYPOINT ["java", "-jar"]
CMD ["/opt/app/app.jar", "--server.port=8080"]

FROM gcr.io/distroless/java21-debian13:nonroot AS production
WORKDIR /
COPY --from=build /src/target/app.jar /opt/app/app.jar
USER 1001
CMD ["/opt/app/app.jar", "--server.port=8080"]
