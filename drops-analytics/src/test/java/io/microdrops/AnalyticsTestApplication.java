package io.microdrops;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Boots the core modules and analytics, on the test JVM's PostgreSQL, for integration
 * tests.
 */
@SpringBootApplication
public class AnalyticsTestApplication {

}
