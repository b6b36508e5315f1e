package io.microdrops.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The embedded default: when no {@code spring.datasource.url} is configured, starts a
 * real PostgreSQL 17 server whose data lives in {@code drops.data-dir}/pgdata (so it
 * survives a restart), points the datasource at it and turns demo mode on. The server
 * stops after every other bean has been destroyed, so the connection pool closes first.
 */
public class EmbeddedDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final String PROPERTY_SOURCE = "dropsEmbeddedDatabase";

	private final Log logger;

	/**
	 * Creates the post-processor; Spring Boot calls this.
	 * @param logFactory the log factory that replays messages once logging is set up
	 */
	public EmbeddedDatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EmbeddedDatabaseEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
				|| !environment.getProperty("drops.embedded-database.enabled", Boolean.class, true)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE)) {
			return;
		}
		Path dataDirectory = Path.of(environment.getProperty("drops.data-dir", "./.drops"))
			.toAbsolutePath()
			.normalize()
			.resolve("pgdata");
		EmbeddedPostgres postgres = start(dataDirectory,
				environment.getProperty("drops.embedded-database.port", Integer.class, 0));
		String url = postgres.getJdbcUrl("postgres", "postgres");
		this.logger.info("Embedded PostgreSQL started at " + url + " with its data in " + dataDirectory);

		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "");
		properties.put("drops.embedded-database.active", true);
		if (!environment.containsProperty("drops.demo.enabled")) {
			properties.put("drops.demo.enabled", true);
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
		application.addListeners(new Stopper(postgres));
	}

	private EmbeddedPostgres start(Path dataDirectory, int port) {
		try {
			Files.createDirectories(dataDirectory.getParent());
			OrphanedPostgres.stopIfAny(dataDirectory, this.logger);
			return EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPort(port)
				// The library's defaults trade durability for speed; a shop's orders need
				// it.
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "200")
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
					+ " (is another Drops using that folder? set DROPS_DATA_DIR to use another)", ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Ties the server's life to the application context: registered as the context's
	 * first disposable bean, it is destroyed last; stopped at once if start-up fails.
	 */
	private static final class Stopper implements ApplicationListener<ApplicationEvent>, DisposableBean {

		private static final Log logger = LogFactory.getLog(Stopper.class);

		private final EmbeddedPostgres postgres;

		private final AtomicBoolean stopped = new AtomicBoolean();

		Stopper(EmbeddedPostgres postgres) {
			this.postgres = postgres;
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof ApplicationPreparedEvent prepared
					&& prepared.getApplicationContext().getBeanFactory() instanceof DefaultListableBeanFactory factory
					&& !factory.containsSingleton("embeddedPostgres")) {
				factory.registerSingleton("embeddedPostgres", this.postgres);
				factory.registerDisposableBean("embeddedPostgres", this);
			}
			else if (event instanceof ApplicationFailedEvent) {
				destroy();
			}
		}

		@Override
		public void destroy() {
			if (!this.stopped.compareAndSet(false, true)) {
				return;
			}
			try {
				this.postgres.close();
				logger.info("Embedded PostgreSQL stopped");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
