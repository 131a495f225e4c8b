# why: java11 went with Debian 11 and distroless has no Java 11 image; DHI's eclipse-temurin has 11: the refusal names it
FROM eclipse-temurin:11-jdk AS build
COPY . /src
RUN cd /src && ./mvnw -q package

FROM gcr.io/distroless/java11-debian11
COPY --from=build /src/target/app.jar /app.jar
CMD ["/app.jar"]
