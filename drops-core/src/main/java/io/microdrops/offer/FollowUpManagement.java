package io.microdrops.offer;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropManagement;
import io.microdrops.shared.Texts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow-up offers per drop: merchandisers set them; every buyer who received an order of
 * the drop (collected or delivered) is noted once; once the offer's delay has passed the
 * follow-up is completed once, and when it is mailed it carries a fresh early-access code
 * for the community's next drop (when the offer has one).
 */
@Service
public class FollowUpManagement {

	/** The most add-on SKUs one offer lists. */
	public static final int ADD_ONS_MAX = 5;

	private final DropManagement drops;

	private final CatalogManagement catalog;

	private final JdbcClient jdbc;

	FollowUpManagement(DropManagement drops, CatalogManagement catalog, JdbcClient jdbc) {
		this.drops = drops;
		this.catalog = catalog;
		this.jdbc = jdbc;
	}

	/**
	 * Reads a drop's follow-up offer.
	 * @param dropSlug the drop
	 * @return its offer, empty when it has none
	 * @throws io.microdrops.drop.DropNotFoundException when there is no such drop
	 */
	@Transactional(readOnly = true)
	public Optional<FollowUpSettings> settings(String dropSlug) {
		Drop drop = this.drops.require(dropSlug);
		return this.jdbc.sql("""
				select thank_you_note, delay_hours, early_access, early_hours, validity_days, add_on_skus
				from follow_up_offers where drop_id = ?
				""")
			.param(drop.id().value())
			.query((rs, row) -> new FollowUpSettings(rs.getString("thank_you_note"), rs.getInt("delay_hours"),
					rs.getBoolean("early_access"), rs.getInt("early_hours"), rs.getInt("validity_days"),
					strings(rs.getArray("add_on_skus"))))
			.optional();
	}

	/**
	 * Sets a drop's follow-up offer, replacing the one it had. Applies to every buyer of
	 * the drop not followed up yet.
	 * @param dropSlug the drop
	 * @param settings the offer
	 * @param now the moment
	 * @throws FollowUpRefusedException when a setting is out of range or an add-on SKU is
	 * unknown
	 * @throws io.microdrops.drop.DropNotFoundException when there is no such drop
	 */
	@Transactional
	public void define(String dropSlug, FollowUpSettings settings, Instant now) {
		Drop drop = this.drops.require(dropSlug);
		String note = Texts.blankToNull(settings.thankYouNote());
		if (note == null) {
			throw new FollowUpRefusedException("thankYouNote", "follow-up.refused.note-required");
		}
		if (note.strip().length() > FollowUpSettings.NOTE_MAX) {
			throw new FollowUpRefusedException("thankYouNote", "follow-up.refused.note-too-long");
		}
		if (settings.delayHours() < 0 || settings.delayHours() > 2160) {
			throw new FollowUpRefusedException("delayHours", "follow-up.refused.delay");
		}
		if (settings.earlyHours() < 1 || settings.earlyHours() > 336) {
			throw new FollowUpRefusedException("earlyHours", "follow-up.refused.early-hours");
		}
		if (settings.validityDays() < 1 || settings.validityDays() > 365) {
			throw new FollowUpRefusedException("validityDays", "follow-up.refused.validity");
		}
		List<String> addOns = new ArrayList<>(new LinkedHashSet<>(settings.addOnSkus()));
		if (addOns.size() > ADD_ONS_MAX) {
			throw new FollowUpRefusedException("addOnSkus", "follow-up.refused.too-many-add-ons");
		}
		for (String sku : addOns) {
			if (sku == null || sku.length() > 80 || this.catalog.find(sku).isEmpty()) {
				throw new FollowUpRefusedException("addOnSkus", "follow-up.refused.unknown-sku");
			}
		}
		this.jdbc.sql("""
				insert into follow_up_offers (drop_id, thank_you_note, delay_hours, early_access, early_hours,
				                              validity_days, add_on_skus, updated_at)
				values (:drop, :note, :delay, :early, :hours, :days, :addOns, :now)
				on conflict (drop_id) do update set thank_you_note = excluded.thank_you_note,
				  delay_hours = excluded.delay_hours, early_access = excluded.early_access,
				  early_hours = excluded.early_hours, validity_days = excluded.validity_days,
				  add_on_skus = excluded.add_on_skus, updated_at = excluded.updated_at
				""")
			.param("drop", drop.id().value())
			.param("note", note.strip())
			.param("delay", settings.delayHours())
			.param("early", settings.earlyAccess())
			.param("hours", settings.earlyHours())
			.param("days", settings.validityDays())
			.param("addOns", addOns.toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Removes a drop's follow-up offer: buyers not followed up yet get nothing.
	 * @param dropSlug the drop
	 * @throws io.microdrops.drop.DropNotFoundException when there is no such drop
	 */
	@Transactional
	public void remove(String dropSlug) {
		Drop drop = this.drops.require(dropSlug);
		this.jdbc.sql("delete from follow_up_offers where drop_id = ?").param(drop.id().value()).update();
	}

	/**
	 * Notes that a fan received an order of a drop (collected it, or had it delivered). A
	 * fan is noted once per drop, however many orders or repeated events.
	 * @param order the order
	 * @param fan the fan
	 * @param dropSlug the drop the order was from
	 * @param receivedAt when the fan received it
	 */
	@Transactional
	public void received(UUID order, AccountId fan, String dropSlug, Instant receivedAt) {
		Drop drop = this.drops.require(dropSlug);
		this.jdbc.sql("""
				insert into follow_ups (id, drop_id, account_id, order_id, received_at) values (?, ?, ?, ?, ?)
				on conflict (drop_id, account_id) do nothing
				""")
			.params(UUID.randomUUID(), drop.id().value(), fan.value(), order, Timestamp.from(receivedAt))
			.update();
	}

	/**
	 * Lists follow-ups whose offer's delay has passed and that were not completed yet,
	 * oldest first.
	 * @param now the moment
	 * @param limit the most to list
	 * @return their ids and fans
	 */
	@Transactional(readOnly = true)
	public List<Due> due(Instant now, int limit) {
		return this.jdbc.sql("""
				select f.id, f.account_id from follow_ups f join follow_up_offers o on o.drop_id = f.drop_id
				where f.done_at is null and f.received_at + make_interval(hours => o.delay_hours) <= ?
				order by f.received_at, f.id limit ?
				""")
			.params(Timestamp.from(now), limit)
			.query((rs, row) -> new Due(rs.getObject("id", UUID.class),
					new AccountId(rs.getObject("account_id", UUID.class))))
			.list();
	}

	/**
	 * Completes a follow-up, once: when it is mailed, with a new early-access code for
	 * the fan (when the offer has codes); when the fan gave no consent to such mail,
	 * without. Run in the transaction that queues the mail, so both happen or neither.
	 * @param followUp the follow-up
	 * @param mailed whether it is mailed (the fan agreed to such mail)
	 * @param now the moment
	 * @return what the mail shows; empty when the follow-up was completed before (or its
	 * offer removed)
	 */
	@Transactional
	public Optional<FollowUp> complete(UUID followUp, boolean mailed, Instant now) {
		Optional<Row> found = this.jdbc.sql("""
				update follow_ups f set done_at = ?, outcome = ?
				from follow_up_offers o, drops d, communities c
				where f.id = ? and f.done_at is null and o.drop_id = f.drop_id and d.id = f.drop_id
				  and c.id = d.community_id
				returning f.account_id, d.id as drop_id, d.slug, d.title, d.opens_at, c.id as community_id,
				  c.name, c.slug as community_slug, c.time_zone, o.thank_you_note, o.early_access, o.early_hours,
				  o.validity_days, o.add_on_skus
				""").params(Timestamp.from(now), mailed ? "SENT" : "NO_CONSENT", followUp).query((rs, row) -> {
			FollowUpSettings settings = new FollowUpSettings(rs.getString("thank_you_note"), 0,
					rs.getBoolean("early_access"), rs.getInt("early_hours"), rs.getInt("validity_days"),
					strings(rs.getArray("add_on_skus")));
			return new Row(new AccountId(rs.getObject("account_id", UUID.class)), rs.getObject("drop_id", UUID.class),
					rs.getString("slug"), rs.getString("title"), rs.getTimestamp("opens_at").toInstant(),
					rs.getObject("community_id", UUID.class), rs.getString("name"), rs.getString("community_slug"),
					ZoneId.of(rs.getString("time_zone")), settings);
		}).optional();
		if (found.isEmpty() || !mailed) {
			return Optional.empty();
		}
		Row row = found.get();
		FollowUp.IssuedCode code = row.settings().earlyAccess() ? issue(row, now) : null;
		Map<String, AddOnSale> sales = sales(row.drop(), now);
		List<FollowUp.AddOn> addOns = row.settings()
			.addOnSkus()
			.stream()
			.map(this.catalog::find)
			.flatMap(Optional::stream)
			.map((Sku sku) -> new FollowUp.AddOn(sku.slug(), sku.name(),
					// A draft is no page for fans yet: its add-on keeps the SKU's page.
					(sales.containsKey(sku.slug()) && sales.get(sku.slug()).scheduled())
							? sales.get(sku.slug()).dropSlug() : null))
			.toList();
		return Optional.of(new FollowUp(followUp, row.fan(), row.dropSlug(), row.dropTitle(), row.communityName(),
				row.communitySlug(), row.zone(), row.settings().thankYouNote(), addOns, code));
	}

	/**
	 * Lists where a drop's buyers, and only they, may buy SKUs: per SKU, the drop not
	 * over yet (the one opening first) whose rules let only buyers of this drop reserve.
	 * That is how a follow-up's add-ons are sold to buyers only.
	 * @param dropSlug the drop whose buyers they are for
	 * @param now the moment
	 * @return per SKU slug, the drop that sells it to the buyers
	 * @throws io.microdrops.drop.DropNotFoundException when there is no such drop
	 */
	@Transactional(readOnly = true)
	public Map<String, AddOnSale> buyersOnlySales(String dropSlug, Instant now) {
		return sales(this.drops.require(dropSlug).id().value(), now);
	}

	private Map<String, AddOnSale> sales(UUID sourceDrop, Instant now) {
		Map<String, AddOnSale> sales = new LinkedHashMap<>();
		this.jdbc.sql("""
				select distinct on (s.slug) s.slug as sku, d.slug, d.title, d.scheduled
				from drops d join drop_items i on i.drop_id = d.id join skus s on s.id = i.sku_id
				where d.buyers_of_drop_id = ? and d.closed_early_at is null and d.closes_at > ?
				order by s.slug, d.scheduled desc, d.opens_at
				""")
			.params(sourceDrop, Timestamp.from(now))
			.query((rs, row) -> new AddOnSale(rs.getString("sku"), rs.getString("slug"), rs.getString("title"),
					rs.getBoolean("scheduled")))
			.list()
			.forEach(sale -> sales.put(sale.skuSlug(), sale));
		return sales;
	}

	/**
	 * Reports, per drop with a follow-up offer, how its follow-ups converted, newest drop
	 * first.
	 * @return one line per drop
	 */
	@Transactional(readOnly = true)
	public List<FollowUpConversion> conversion() {
		return this.jdbc.sql("""
				select d.slug, d.title, c.slug as community_slug, c.name,
				  (select count(*) from follow_ups f where f.drop_id = d.id and f.outcome = 'SENT') as sent,
				  (select count(*) from early_access_codes e where e.source_drop_id = d.id) as codes,
				  (select count(*) from early_access_codes e where e.source_drop_id = d.id
				     and e.used_at is not null) as used,
				  (select count(*) from early_access_codes e join orders o on o.reservation_id = e.reservation_id
				     where e.source_drop_id = d.id and o.status = 'PAID') as ordered
				from drops d join communities c on c.id = d.community_id
				where exists (select 1 from follow_up_offers o where o.drop_id = d.id)
				order by d.opens_at desc, d.slug
				""")
			.query((rs, row) -> new FollowUpConversion(rs.getString("slug"), rs.getString("title"),
					rs.getString("community_slug"), rs.getString("name"), rs.getLong("sent"), rs.getLong("codes"),
					rs.getLong("used"), rs.getLong("ordered")))
			.list();
	}

	private FollowUp.IssuedCode issue(Row row, Instant now) {
		Instant expires = now.plus(Duration.ofDays(row.settings().validityDays()));
		// A code is one in 32^8; a clash with an existing one is retried, not refused.
		for (int attempt = 0; attempt < 5; attempt++) {
			String code = EarlyAccessCodes.newCode();
			int inserted = this.jdbc.sql("""
					insert into early_access_codes (id, code, account_id, community_id, source_drop_id,
					                                after_opens_at, early_hours, issued_at, expires_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
					""")
				.params(UUID.randomUUID(), code, row.fan().value(), row.community(), row.drop(),
						Timestamp.from(row.opensAt()), row.settings().earlyHours(), Timestamp.from(now),
						Timestamp.from(expires))
				.update();
			if (inserted == 1) {
				return new FollowUp.IssuedCode(code, row.settings().earlyHours(), expires);
			}
		}
		throw new IllegalStateException("No free early-access code after five attempts");
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	/**
	 * A drop that sells a SKU to an earlier drop's buyers only.
	 *
	 * @param skuSlug the SKU
	 * @param dropSlug the drop
	 * @param dropTitle its title
	 * @param scheduled whether it is scheduled (a draft sells nothing yet)
	 */
	public record AddOnSale(String skuSlug, String dropSlug, String dropTitle, boolean scheduled) {
	}

	/**
	 * A follow-up that is due.
	 *
	 * @param id the follow-up
	 * @param fan the fan it goes to
	 */
	public record Due(UUID id, AccountId fan) {
	}

	private record Row(AccountId fan, UUID drop, String dropSlug, String dropTitle, Instant opensAt, UUID community,
			String communityName, String communitySlug, ZoneId zone, FollowUpSettings settings) {
	}

	/**
	 * Lists the follow-ups noted for a fan, for their data download.
	 * @param fan the fan
	 * @return one row per drop: when the order reached them, when followed up, how
	 */
	@Transactional(readOnly = true)
	public List<Map<String, Object>> followUpsOf(AccountId fan) {
		return this.jdbc.sql("""
				select d.slug as drop, f.received_at, f.done_at, f.outcome
				from follow_ups f join drops d on d.id = f.drop_id
				where f.account_id = ? order by f.received_at
				""").param(fan.value()).query().listOfRows();
	}

}
