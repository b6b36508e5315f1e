package io.microdrops.media;

import java.util.Arrays;
import java.util.Optional;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Keeps media in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, ...), so several nodes
 * share one store. Same keys as on disk ({@code ab/abcdef…}); storing bytes that are
 * there already writes nothing.
 */
class S3MediaStorage implements MediaStorage {

	private final S3Client s3;

	private final String bucket;

	S3MediaStorage(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	@Override
	public MediaId store(byte[] bytes) {
		MediaId id = new MediaId(LocalDiskMediaStorage.sha256(bytes));
		if (exists(id)) {
			return id;
		}
		String contentType = ImageFormat.detect(Arrays.copyOf(bytes, Math.min(bytes.length, ImageFormat.HEADER_LENGTH)))
			.map(ImageFormat::contentType)
			.orElse("application/octet-stream");
		this.s3.putObject(put -> put.bucket(this.bucket).key(keyOf(id)).contentType(contentType),
				RequestBody.fromBytes(bytes));
		return id;
	}

	@Override
	public Optional<MediaContent> open(MediaId id) {
		return head(id).map(head -> new MediaContent(id, head.contentType(), head.contentLength(),
				() -> this.s3.getObject(get -> get.bucket(this.bucket).key(keyOf(id)))));
	}

	@Override
	public boolean exists(MediaId id) {
		return head(id).isPresent();
	}

	private Optional<HeadObjectResponse> head(MediaId id) {
		try {
			return Optional.of(this.s3.headObject(head -> head.bucket(this.bucket).key(keyOf(id))));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private static String keyOf(MediaId id) {
		return id.value().substring(0, 2) + "/" + id.value();
	}

}
