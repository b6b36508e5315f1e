/**
 * Waiting rooms: drops whose merchandiser turns one on let fans queue before they may
 * reserve. Fans who join before the sales start form a pre-queue that is shuffled once at
 * the opening ({@link QueueShuffle}, from a kept seed); later arrivals queue behind in
 * arrival order. A scheduled job (one node at a time) admits fans at the set rate or from
 * the units free, each with a signed, single-use, time-limited admission that the reserve
 * requires; while only a drop's waitlist members may buy, only they are admitted. It
 * stops when the stock is gone. Queue state lives in PostgreSQL only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Waiting room",
		allowedDependencies = { "account", "drop", "checkout", "waitlist", "shared" })
package io.microdrops.waitingroom;
