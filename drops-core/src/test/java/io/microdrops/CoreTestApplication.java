package io.microdrops;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Boots the core modules alone, on the test JVM's PostgreSQL, for integration tests.
 */
@SpringBootApplication
public class CoreTestApplication {

}
