package io.microdrops.account;

/**
 * How to reach a person: their address and the name to greet them with.
 *
 * @param email the canonical e-mail address
 * @param displayName the name they chose
 */
public record Contact(String email, String displayName) {
}
