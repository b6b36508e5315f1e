package io.microdrops.media;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps media on the local disk under {@code ${drops.data-dir}/media} unless another
 * {@link MediaStorage} is configured.
 */
@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

	@Bean
	@ConditionalOnMissingBean(MediaStorage.class)
	MediaStorage localDiskMediaStorage(@Value("${drops.data-dir:./.drops}") String dataDirectory) {
		return new LocalDiskMediaStorage(Path.of(dataDirectory, "media"));
	}

}
