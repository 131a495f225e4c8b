# why: ibm-semeru-runtimes is OpenJ9; -Xshareclasses is an OpenJ9 option that HotSpot (Temurin in java21-debian13) rejects, and the JVM would exit at start: refuse naming the command line and the option
FROM maven:3.9-ibm-semeru-21-jammy AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM ibm-semeru-runtimes:open-21-jre
WORKDIR /opt/app
COPY --from=build /build/target/catalog-2.3.0.jar catalog.jar
EXPOSE 8080
CMD ["java", "-Xshareclasses:name=catalog,cacheDir=/opt/app/.scc", "-Xmx512m", "-jar", "catalog.jar"]
