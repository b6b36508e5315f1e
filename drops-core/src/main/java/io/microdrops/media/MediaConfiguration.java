package io.microdrops.media;

import java.net.URI;
import java.nio.file.Path;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Keeps media on the local disk under {@code ${drops.data-dir}/media}, or in an
 * S3-compatible bucket when {@code drops.media.storage=s3} (for several nodes).
 */
@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

	@Bean
	@ConditionalOnProperty(name = "drops.media.storage", havingValue = "local", matchIfMissing = true)
	MediaStorage localDiskMediaStorage(@Value("${drops.data-dir:./.drops}") String dataDirectory) {
		return new LocalDiskMediaStorage(Path.of(dataDirectory, "media"));
	}

	@Bean
	@ConditionalOnProperty(name = "drops.media.storage", havingValue = "s3")
	MediaStorage s3MediaStorage(@Value("${drops.media.s3.bucket}") String bucket,
			@Value("${drops.media.s3.endpoint:}") String endpoint,
			@Value("${drops.media.s3.region:us-east-1}") String region,
			@Value("${drops.media.s3.access-key:}") String accessKey,
			@Value("${drops.media.s3.secret-key:}") String secretKey) {
		return new S3MediaStorage(s3Client(endpoint, region, accessKey, secretKey), bucket);
	}

	static S3Client s3Client(String endpoint, String region, String accessKey, String secretKey) {
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(region))
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			// Checksums only where S3 requires them: many S3-compatible stores refuse the
			// rest.
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.credentialsProvider(StringUtils.hasText(accessKey)
					? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
					: DefaultCredentialsProvider.builder().build());
		if (StringUtils.hasText(endpoint)) {
			// S3-compatible stores are addressed by path (http://host/bucket/key).
			builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
		}
		return builder.build();
	}

}
