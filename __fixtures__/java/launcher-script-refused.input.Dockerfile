# why: gradle installDist produces build/install/<app>/bin/<app>, a shell launcher script; the target has no shell to run it, so refuse naming it
FROM gradle:8-jdk21 AS build
WORKDIR /src
COPY . .
RUN gradle installDist --no-daemon

FROM eclipse-temurin:21-jre
COPY --from=build /src/build/install/inventory /opt/inventory
EXPOSE 8080
ENTRYPOINT ["/opt/inventory/bin/inventory"]
