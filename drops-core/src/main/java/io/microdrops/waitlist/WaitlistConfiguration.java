package io.microdrops.waitlist;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The invitation job needs scheduling on, whichever other modules are present.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WaitlistConfiguration {

}
