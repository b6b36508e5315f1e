/**
 * Media: images merchandisers and fans upload for story pages, checked by their content
 * and kept under their SHA-256 hash so the same image is stored once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Media")
package io.microdrops.media;
