/**
 * The admin area: where merchandisers plan communities, SKUs, drops and cadences.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Admin")
package io.microdrops.admin;
