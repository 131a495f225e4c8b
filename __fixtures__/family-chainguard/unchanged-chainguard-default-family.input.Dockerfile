# why: already on Chainguard's jre: unchanged under the default family
FROM cgr.dev/chainguard/jdk:latest-dev AS build
COPY . /src
RUN cd /src && ./mvnw -q package

FROM cgr.dev/chainguard/jre
COPY --from=build /src/target/app.jar /app/app.jar
CMD ["-jar", "/app/app.jar"]
