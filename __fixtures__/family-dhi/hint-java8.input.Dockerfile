# why: distroless never published Java 8 on a supported Debian; DHI's eclipse-temurin has Java 8: the refusal names it
FROM eclipse-temurin:8-jdk AS build
COPY . /src
RUN cd /src && ./gradlew --no-daemon jar

FROM eclipse-temurin:8-jre
COPY --from=build /src/build/libs/app.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
