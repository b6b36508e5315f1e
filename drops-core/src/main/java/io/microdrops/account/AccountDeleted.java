package io.microdrops.account;

import java.time.Instant;

/**
 * A person deleted their account. Published by {@link AccountDeletion} inside the
 * deletion's transaction, <em>before</em> the account's own row is turned into a
 * tombstone, so a synchronous listener may still read the person's address through
 * {@link AccountManagement#contactOf(AccountId)}. Every module that keeps data about a
 * person listens (with a plain {@code @EventListener}, in the same transaction) and
 * erases or anonymises its part; a failing listener rolls the whole deletion back, so an
 * account is never half deleted. The event names no person: only the account's id.
 *
 * @param account the account, which stays as a tombstone
 * @param deletedAt when
 */
public record AccountDeleted(AccountId account, Instant deletedAt) {
}
