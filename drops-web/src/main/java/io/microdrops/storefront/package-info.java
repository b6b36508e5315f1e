/**
 * The storefront: what fans see, from the landing page to signing up.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Storefront")
package io.microdrops.storefront;
