# why: $JAVA_OPTS is expanded by a shell when the container starts; the target has none, so refuse naming the variable (JAVA_TOOL_OPTIONS is read by the JVM itself)
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:21-jre
ENV JAVA_OPTS="-Xms256m -Xmx512m"
COPY --from=build /src/target/app.jar /app.jar
ENTRYPOINT java $JAVA_OPTS -jar /app.jar
