/**
 * The catalogue: micro-SKUs with their price, edition size, maker and story.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalogue", allowedDependencies = { "shared", "media" })
package io.microdrops.catalog;
