package io.microdrops.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keeps media as files under one folder, two hex digits of fan-out deep
 * ({@code ab/abcdef…}). Files are written to a temporary name and moved into place, so a
 * reader never sees half a file and two nodes storing the same bytes do no harm.
 */
class LocalDiskMediaStorage implements MediaStorage {

	private final Path root;

	LocalDiskMediaStorage(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	@Override
	public MediaId store(byte[] bytes) {
		MediaId id = new MediaId(sha256(bytes));
		Path target = pathOf(id);
		if (Files.exists(target)) {
			return id;
		}
		try {
			Files.createDirectories(target.getParent());
			Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
			try {
				Files.write(temporary, bytes);
				moveIntoPlace(temporary, target);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// Someone stored the same bytes a moment ago: same key, same content.
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return id;
	}

	private static void moveIntoPlace(Path temporary, Path target) throws IOException {
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, target);
		}
	}

	@Override
	public Optional<MediaContent> open(MediaId id) {
		Path file = pathOf(id);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional
				.of(new MediaContent(id, contentTypeOf(file), Files.size(file), () -> Files.newInputStream(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public boolean exists(MediaId id) {
		return Files.isRegularFile(pathOf(id));
	}

	private Path pathOf(MediaId id) {
		// The key is 64 hex digits (checked by MediaId), so this stays under the root.
		return this.root.resolve(id.value().substring(0, 2)).resolve(id.value());
	}

	private static String contentTypeOf(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] header = in.readNBytes(ImageFormat.HEADER_LENGTH);
			return ImageFormat.detect(header).map(ImageFormat::contentType).orElse("application/octet-stream");
		}
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
