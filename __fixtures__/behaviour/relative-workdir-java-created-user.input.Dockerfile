# why: "WORKDIR app" is relative and eclipse-temurin sets no WORKDIR, so the jar ran in /app; the created user "spring" becomes nonroot with the :nonroot tag, whose image starts in /home/nonroot, so the relative WORKDIR would move the app to /home/nonroot/app: it is written absolute (/app)
FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace
COPY gradlew settings.gradle.kts build.gradle.kts ./
COPY gradle gradle
COPY src src
RUN ./gradlew --no-daemon bootJar

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --no-create-home spring
WORKDIR app
COPY --from=build /workspace/build/libs/orders.jar orders.jar
USER spring
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "orders.jar"]
