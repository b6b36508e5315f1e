package io.microdrops.checkout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.microdrops.drop.DropId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices the moment a drop sells out and publishes {@link DropSoldOut} once. It looks
 * after a claim has committed, in a transaction of its own: then every other committed
 * claim is visible, so the claim that committed last always sees the drop without a free
 * unit, and the row keyed by the drop lets only one observer record it, on any number of
 * nodes. A sold-out answer looks too, which catches a node that stopped between its claim
 * and this look. Once a drop is known to have sold out, nobody looks again.
 */
@Component
class SellOuts {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Set<UUID> soldOut = ConcurrentHashMap.newKeySet();

	SellOuts(JdbcClient jdbc, ApplicationEventPublisher events, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Records the sell-out and publishes {@link DropSoldOut} if no unit of the drop is
	 * free now and nobody recorded it before. Must run outside the claim's transaction.
	 * @param drop the drop
	 */
	void look(UUID drop) {
		if (this.soldOut.contains(drop)) {
			return;
		}
		this.transactions.executeWithoutResult(status -> {
			Instant now = this.clock.instant();
			// One round trip: the insert happens only when the drop has unit rows and
			// none
			// of them is free; "earlier" reads the row as it was before this statement.
			Look look = this.jdbc.sql("""
					with recorded as (
					    insert into drop_sell_outs (drop_id, sold_out_at)
					    select :drop, :now
					    where exists (select 1 from drop_items i join drop_units u on u.drop_item_id = i.id
					                  where i.drop_id = :drop)
					      and not exists (select 1 from drop_items i join drop_units u on u.drop_item_id = i.id
					                      where i.drop_id = :drop and u.reservation_id is null)
					    on conflict do nothing
					    returning sold_out_at)
					select exists (select 1 from recorded) as recorded,
					       exists (select 1 from drop_sell_outs where drop_id = :drop) as earlier
					""")
				.param("drop", drop)
				.param("now", Timestamp.from(now))
				.query((rs, row) -> new Look(rs.getBoolean("recorded"), rs.getBoolean("earlier")))
				.single();
			if (look.recorded()) {
				this.events.publishEvent(new DropSoldOut(new DropId(drop), now));
			}
			if (look.recorded() || look.earlier()) {
				this.soldOut.add(drop);
			}
		});
	}

	private record Look(boolean recorded, boolean earlier) {
	}

}
