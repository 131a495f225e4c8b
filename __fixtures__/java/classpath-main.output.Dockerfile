# why: "-cp DIRS MAINCLASS" cannot run under the image's "java -jar" entrypoint: the CMD line becomes a full ENTRYPOINT with /usr/bin/java; "lib/*" is Java's own classpath wildcard, not a shell glob, and stays as written
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /workspace
COPY pom.xml .
COPY src src
RUN mvn -B -q package dependency:copy-dependencies -DskipTests -DoutputDirectory=target/lib

FROM gcr.io/distroless/java21-debian13
WORKDIR /app
COPY --from=build /workspace/target/classes classes
COPY --from=build /workspace/target/lib lib
ENTRYPOINT ["/usr/bin/java", "-cp", "classes:lib/*", "com.example.worker.Main"]
