package io.microdrops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Drops: micro-drops for niche fan communities. Every direct sub-package of this one is
 * an application module, whichever Maven module holds it.
 */
@SpringBootApplication
public class DropsApplication {

	/**
	 * Starts Drops.
	 * @param args command-line arguments, passed to Spring Boot
	 */
	public static void main(String[] args) {
		SpringApplication.run(DropsApplication.class, args);
	}

}
