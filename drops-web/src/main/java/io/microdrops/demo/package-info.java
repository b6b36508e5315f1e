/**
 * Demo mode: accounts and data that let a newcomer try Drops at once. Never active in
 * production.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package io.microdrops.demo;
