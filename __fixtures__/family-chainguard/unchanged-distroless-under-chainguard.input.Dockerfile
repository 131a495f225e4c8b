# why: already on a distroless image: unchanged under --family chainguard
FROM eclipse-temurin:21-jdk AS build
COPY . /src
RUN cd /src && ./mvnw -q package

FROM gcr.io/distroless/java21-debian13:nonroot
COPY --from=build /src/target/app.jar /app.jar
CMD ["/app.jar"]
