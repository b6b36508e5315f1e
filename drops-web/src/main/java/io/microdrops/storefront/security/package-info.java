/**
 * A person's own sign-in security: forgotten passwords, changing password and address,
 * signing out everywhere, and two-factor sign-in for staff.
 */
package io.microdrops.storefront.security;
