/**
 * Accounts: who signs in, with which roles. Fans sign up themselves; staff are created by
 * the application.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package io.microdrops.account;
