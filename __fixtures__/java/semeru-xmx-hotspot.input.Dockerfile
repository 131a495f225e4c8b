# why: ibm-semeru-runtimes (OpenJ9) with only -Xmx, which HotSpot accepts too: rewritten to java21-debian13 (the JVM flag before -jar makes the CMD a full exec-form ENTRYPOINT with /usr/bin/java); the JVM changes from OpenJ9 to HotSpot, and the reason must say so
FROM ibm-semeru-runtimes:open-21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM ibm-semeru-runtimes:open-21-jre
WORKDIR /opt/app
COPY --from=build /src/target/inventory.jar inventory.jar
EXPOSE 8080
CMD ["java", "-Xmx512m", "-jar", "inventory.jar"]
