# why: no distroless image runs Java 11 (java11-debian11, the last one, went with Debian 11 on 2024-09-03): refuse, suggesting an upgrade or a jlink runtime on java-base-debian13
FROM maven:3.8-eclipse-temurin-11 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:11-jre
COPY --from=build /src/target/legacy.jar /legacy.jar
CMD ["java", "-jar", "/legacy.jar"]
