# why: with USE_SYSTEM_CA_CERTS set, eclipse-temurin's inherited /__cacert_entrypoint.sh imports /certificates into the JVM truststore at start; distroless has no such hook, so dropping the wrapper would lose the corporate CA: refuse naming the ENV line (import it with keytool in a build stage and copy the truststore)
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:21-jre
ENV USE_SYSTEM_CA_CERTS=1
COPY certs/corp-root.crt /certificates/corp-root.crt
COPY --from=build /src/target/app.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
