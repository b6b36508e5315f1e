/**
 * The JSON API, {@code /api/v1}: the same application services as the pages, for
 * integrations, scripts and load rehearsals. Errors are RFC 9457 problem details.
 */
@org.springframework.modulith.ApplicationModule(displayName = "JSON API")
package io.microdrops.api;
