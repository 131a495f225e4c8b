# why: DHI's eclipse-temurin JRE sets no ENTRYPOINT and has java on PATH, so CMD keeps java -jar as written; eclipse-temurin's /__cacert_entrypoint.sh is not the app's and is gone; DHI runs as nonroot (65532), so USER 0 keeps root
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q package -DskipTests

FROM eclipse-temurin:17-jre
COPY --from=build /src/target/app.jar /opt/app/app.jar
EXPOSE 8080
CMD ["java", "-jar", "/opt/app/app.jar"]
