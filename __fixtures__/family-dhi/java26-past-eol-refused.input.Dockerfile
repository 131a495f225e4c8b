# why: DHI's eclipse-temurin 26 reached its end of life on 2026-09-15, so on 2026-12-01 it counts as removed; Chainguard's free jre was Java 26 until Java 27 shipped that day, so no family is named (review 5)
FROM eclipse-temurin:26-jdk AS build
COPY . /src
RUN cd /src && ./mvnw -q package

FROM eclipse-temurin:26-jre
COPY --from=build /src/target/app.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
