# why: Java 25 from eclipse-temurin:25-jre-alpine; a jar is bytecode and runs the same on glibc, so the alpine runtime can move to java25-debian13
FROM eclipse-temurin:25-jdk-alpine AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM gcr.io/distroless/java25-debian13
WORKDIR /srv
COPY --from=build /src/target/report-service.jar /srv/report-service.jar
CMD ["/srv/report-service.jar"]
