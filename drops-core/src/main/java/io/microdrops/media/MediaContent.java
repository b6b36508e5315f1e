package io.microdrops.media;

import org.springframework.core.io.InputStreamSource;

/**
 * A stored medium, ready to be read.
 *
 * @param id its key
 * @param contentType the MIME type to serve it with
 * @param length its size in bytes
 * @param content opens a fresh stream of its bytes on each call
 */
public record MediaContent(MediaId id, String contentType, long length, InputStreamSource content) {
}
