# why: amazoncorretto:17 is Java 17 (java17-debian13 runs Temurin 17); shell-form "CMD java -jar /app/app.jar" is split as sh would split it and the interpreter goes, the image runs java -jar
FROM amazoncorretto:17 AS build
WORKDIR /src
COPY . .
RUN ./gradlew --no-daemon shadowJar

FROM amazoncorretto:17
WORKDIR /app
COPY --from=build /src/build/libs/app-all.jar /app/app.jar
EXPOSE 9000
CMD java -jar /app/app.jar
