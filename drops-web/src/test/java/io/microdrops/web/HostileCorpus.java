package io.microdrops.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.microdrops.testsupport.TestImages;

/**
 * The hostile-input corpus of {@code src/test/resources/hostile/corpus.tsv}: entries by
 * kind, their values decoded, and the hostile files that the {@code image} entries name.
 */
final class HostileCorpus {

	/** What an entry is for. */
	enum Kind {

		/** A text value for any field. */
		TEXT,
		/** A numeric-looking text value for any field. */
		NUMBER,
		/** A raw JSON value for JSON fields (wrong types, bad literals). */
		JSON,
		/** A whole request body for JSON calls. */
		BODY,
		/** A path variable's value, sent percent-encoded. */
		PATH,
		/** A request header's value. */
		HEADER,
		/** A file for upload fields. */
		IMAGE

	}

	/**
	 * One entry.
	 *
	 * @param kind what it is for
	 * @param name its name in the corpus
	 * @param value the decoded value (for images: the file name sent)
	 */
	record Entry(Kind kind, String name, String value) {

		/** Values no field of Drops may take: accepting them would store megabytes. */
		boolean mustBeRefused() {
			return this.value.length() >= 100_000;
		}

		@Override
		public String toString() {
			return this.kind.name().toLowerCase() + ":" + this.name;
		}

	}

	private static final Pattern REPEAT = Pattern.compile("@repeat\\((\\d+),(.*?)\\)");

	private final Map<Kind, List<Entry>> entries;

	private HostileCorpus(Map<Kind, List<Entry>> entries) {
		this.entries = entries;
	}

	static HostileCorpus load() {
		Map<Kind, List<Entry>> entries = new EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			entries.put(kind, new ArrayList<>());
		}
		try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/corpus.tsv")) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (String line : text.split("\n")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split("\t", 3);
				Kind kind = Kind.valueOf(parts[0].toUpperCase());
				String value = (parts.length > 2) ? decode(parts[2]) : "";
				entries.get(kind).add(new Entry(kind, parts[1], value));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new HostileCorpus(entries);
	}

	List<Entry> of(Kind kind) {
		return this.entries.get(kind);
	}

	/** Text, number and JSON-literal entries: what a single field may be sent. */
	List<Entry> fieldValues() {
		List<Entry> values = new ArrayList<>(of(Kind.TEXT));
		values.addAll(of(Kind.NUMBER));
		values.addAll(of(Kind.JSON));
		return values;
	}

	private static String decode(String raw) {
		Matcher repeat = REPEAT.matcher(raw);
		StringBuilder expanded = new StringBuilder();
		while (repeat.find()) {
			String unit = unescape(repeat.group(2));
			repeat.appendReplacement(expanded,
					Matcher.quoteReplacement(unit.repeat(Integer.parseInt(repeat.group(1)))));
		}
		repeat.appendTail(expanded);
		return (expanded.toString().equals(raw)) ? unescape(raw) : expanded.toString();
	}

	private static String unescape(String raw) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c != '\\' || i + 1 >= raw.length()) {
				out.append(c);
				continue;
			}
			char next = raw.charAt(++i);
			switch (next) {
				case '0' -> out.append('\0');
				case 't' -> out.append('\t');
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case '\\' -> out.append('\\');
				case 'u' -> {
					out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
					i += 4;
				}
				default -> out.append('\\').append(next);
			}
		}
		return out.toString();
	}

	/**
	 * The bytes of a hostile file.
	 * @param entry an {@link Kind#IMAGE} entry
	 * @return the file's content
	 */
	static byte[] file(Entry entry) {
		return switch (entry.name()) {
			case "svg-with-script" -> ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" "
					+ "onload=\"alert(document.cookie)\"><script>alert(1)</script></svg>")
				.getBytes(StandardCharsets.UTF_8);
			case "gif-js-polyglot" -> gifJsPolyglot();
			case "png-with-trailing-html" -> concat(TestImages.png(11),
					"<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8));
			case "zip-renamed-png" -> zip();
			case "decompression-bomb-header" -> pngHeaderClaiming(200_000, 200_000);
			case "oversized" -> concat(TestImages.image("jpeg", 64, 64, 3), new byte[6 * 1024 * 1024]);
			case "truncated-png" -> {
				byte[] png = TestImages.png(12);
				yield java.util.Arrays.copyOf(png, png.length / 2);
			}
			case "html-named-jpg" -> "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
			// A real image: what is hostile is the name it is sent under.
			case "traversal-file-name", "nul-file-name" -> TestImages.png(13);
			default -> throw new IllegalArgumentException("No file for " + entry);
		};
	}

	/**
	 * A GIF whose header doubles as JavaScript: {@code GIF89a/*} opens a comment that the
	 * end of the file closes before running {@code alert(1)}.
	 */
	private static byte[] gifJsPolyglot() {
		ByteArrayOutputStream gif = new ByteArrayOutputStream();
		gif.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
		// width '/*' (0x2A2F) and height 10, then a global colour table of two entries
		gif.writeBytes(new byte[] { 0x2F, 0x2A, 0x0A, 0x00, (byte) 0x80, 0x00, 0x00 });
		gif.writeBytes(new byte[] { 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF });
		gif.writeBytes(new byte[] { 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B });
		gif.writeBytes("*/=1;alert(1);".getBytes(StandardCharsets.US_ASCII));
		return gif.toByteArray();
	}

	private static byte[] zip() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("payload.html"));
			zip.write("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** A PNG signature and header chunk claiming huge dimensions, with almost no data. */
	private static byte[] pngHeaderClaiming(int width, int height) {
		ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2);
		header.put((byte) 0).put((byte) 0).put((byte) 0);
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		chunk(png, "IHDR", header.array());
		chunk(png, "IDAT", new byte[] { 0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 });
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		png.writeBytes(typeBytes);
		png.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
