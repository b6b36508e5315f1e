/**
 * The web shell shared by every area: security, the signed-in user, error pages and the
 * layout's model.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package io.microdrops.web;
