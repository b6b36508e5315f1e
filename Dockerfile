# Build stage: the Maven wrapper fetches Maven; nothing else is needed but a JDK 25.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY drops-test-support/ drops-test-support/
COPY drops-core/ drops-core/
COPY drops-fulfilment/ drops-fulfilment/
COPY drops-analytics/ drops-analytics/
COPY drops-web/ drops-web/
RUN ./mvnw -B -ntp -DskipTests package && cp drops-web/target/drops-web-*.jar /src/drops.jar

# Run stage: a JRE and the one executable jar, as an unprivileged user.
FROM eclipse-temurin:25-jre
RUN groupadd --system drops && useradd --system --gid drops --home-dir /app --shell /usr/sbin/nologin drops \
    && mkdir -p /app/data && chown -R drops:drops /app
WORKDIR /app
COPY --from=build /src/drops.jar /app/drops.jar
USER drops
ENV DROPS_DATA_DIR=/app/data
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/drops.jar"]
