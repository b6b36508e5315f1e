/**
 * The catalogue pages of the admin area: SKUs, their story editor and its preview.
 */
package io.microdrops.admin.catalog;
