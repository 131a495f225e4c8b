# why: Chainguard's jre starts in /app; the old stage had no WORKDIR and ran in /, so WORKDIR / is written after USER 0; java is its ENTRYPOINT, so CMD keeps -jar
FROM maven:3-eclipse-temurin-26 AS build
COPY . /src
RUN mvn -f /src/pom.xml -q package

FROM cgr.dev/chainguard/jre
USER 0
WORKDIR /
COPY --from=build /src/target/app.jar /app.jar
CMD ["-jar", "/app.jar"]
