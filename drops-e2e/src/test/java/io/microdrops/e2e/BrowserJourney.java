package io.microdrops.e2e;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class as a real-browser journey against the packaged application. Its test
 * methods take a {@link Journey}. Name such classes {@code …JourneyTests}: the build runs
 * them after packaging (failsafe, in {@code verify}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("browser")
@ExtendWith(BrowserJourneys.class)
@interface BrowserJourney {

}
