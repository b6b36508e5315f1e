package io.microdrops.recognition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.community.CommunityId;
import io.microdrops.shared.Slug;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recognises collectors: keeps each community's badge rules and reads a fan's collection
 * (every edition they own, the communities they collect in, the badges they hold) from
 * the order history. Refunded orders do not count; nothing here is cached, so a new order
 * or a changed rule shows at once.
 */
@Service
public class Recognition {

	private static final int MAX_RULES = 20;

	private final JdbcClient jdbc;

	private final Clock clock;

	Recognition(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Returns a community's rules, in the order they were added.
	 * @param community the community
	 * @return its rules
	 */
	@Transactional(readOnly = true)
	public List<BadgeRule> rules(CommunityId community) {
		return this.jdbc.sql("""
				select id, community_id, kind, name, description, drop_count, before, cadence_id
				from recognition_rules where community_id = ? order by position, created_at
				""").param(community.value()).query((rs, row) -> rule(rs)).list();
	}

	/**
	 * Returns one rule of a community.
	 * @param community the community
	 * @param id the rule
	 * @return the rule, empty when the community has no such rule
	 */
	@Transactional(readOnly = true)
	public Optional<BadgeRule> rule(CommunityId community, UUID id) {
		return rules(community).stream().filter(rule -> rule.id().equals(id)).findFirst();
	}

	/**
	 * Adds a rule to a community.
	 * @param community the community
	 * @param draft what the merchandiser entered
	 * @return the rule
	 * @throws RecognitionRefusedException when the parameters do not fit the kind or the
	 * community has {@value #MAX_RULES} rules already
	 */
	@Transactional
	public BadgeRule add(CommunityId community, RuleDraft draft) {
		BadgeRule rule = draft.toRule(UUID.randomUUID(), community);
		// The lock keeps two merchandisers adding at once from passing the limit
		// together.
		this.jdbc.sql("select id from communities where id = ? for update")
			.param(community.value())
			.query()
			.listOfRows();
		int count = this.jdbc.sql("select count(*) from recognition_rules where community_id = ?")
			.param(community.value())
			.query(Integer.class)
			.single();
		if (count >= MAX_RULES) {
			throw new RecognitionRefusedException("recognition.too-many");
		}
		this.jdbc.sql("""
				insert into recognition_rules (id, community_id, kind, name, description, drop_count, before,
				    cadence_id, position, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(rule.id(), community.value(), rule.kind().name(), rule.name(), rule.description(), rule.dropCount(),
					timestamp(rule.before()), rule.cadence(), count, timestamp(this.clock.instant()))
			.update();
		return rule;
	}

	/**
	 * Changes a rule: its name, description and parameters (not its kind).
	 * @param community the community
	 * @param id the rule
	 * @param draft what the merchandiser entered; its kind is ignored
	 * @return the rule as changed, empty when the community has no such rule
	 * @throws RecognitionRefusedException when the parameters do not fit the kind
	 */
	@Transactional
	public Optional<BadgeRule> update(CommunityId community, UUID id, RuleDraft draft) {
		Optional<BadgeRule> existing = rule(community, id);
		if (existing.isEmpty()) {
			return Optional.empty();
		}
		BadgeRule rule = new RuleDraft(existing.get().kind(), draft.name(), draft.description(), draft.dropCount(),
				draft.before(), draft.cadence())
			.toRule(id, community);
		this.jdbc.sql("""
				update recognition_rules set name = ?, description = ?, drop_count = ?, before = ?, cadence_id = ?
				where id = ? and community_id = ?
				""")
			.params(rule.name(), rule.description(), rule.dropCount(), timestamp(rule.before()), rule.cadence(), id,
					community.value())
			.update();
		return Optional.of(rule);
	}

	/**
	 * Removes a rule; fans who held the badge no longer do.
	 * @param community the community
	 * @param id the rule
	 * @return whether there was such a rule
	 */
	@Transactional
	public boolean remove(CommunityId community, UUID id) {
		return this.jdbc.sql("delete from recognition_rules where id = ? and community_id = ?")
			.params(id, community.value())
			.update() > 0;
	}

	/**
	 * Returns everything a fan collected: each edition they own, newest first, and per
	 * community (those they joined or bought in) the drops collected and badges held.
	 * @param fan the fan
	 * @return the collection
	 */
	@Transactional(readOnly = true)
	public Collection collectionOf(AccountId fan) {
		List<OwnedEdition> editions = new ArrayList<>();
		this.jdbc.sql("""
				select o.id, o.number, o.editions, o.created_at, s.name as sku_name, s.edition_size,
				       d.title, d.slug as drop_slug, c.name as community_name, c.slug as community_slug
				from orders o join drop_items i on i.id = o.drop_item_id join drops d on d.id = i.drop_id
				join skus s on s.id = i.sku_id join communities c on c.id = d.community_id
				where o.account_id = ? and o.payment_status <> 'REFUNDED' and o.status = 'PAID'
				order by o.created_at desc, o.number desc
				""").param(fan.value()).query((ResultSet rs) -> {
			Integer size = (Integer) rs.getObject("edition_size");
			for (Integer edition : (Integer[]) rs.getArray("editions").getArray()) {
				editions.add(new OwnedEdition(rs.getObject("id", UUID.class), rs.getString("number"), edition, size,
						rs.getString("sku_name"), rs.getString("title"), rs.getString("drop_slug"),
						rs.getString("community_name"), rs.getString("community_slug"),
						rs.getTimestamp("created_at").toInstant()));
			}
		});
		List<CommunityRecord> communities = this.jdbc.sql("""
				select c.id, c.slug, c.name from communities c
				where exists (select 1 from community_members m where m.community_id = c.id and m.account_id = :fan)
				   or exists (select 1 from orders o join drop_items i on i.id = o.drop_item_id
				              join drops d on d.id = i.drop_id
				              where d.community_id = c.id and o.account_id = :fan and o.payment_status <> 'REFUNDED'
				                and o.status = 'PAID')
				order by c.name
				""")
			.param("fan", fan.value())
			.query((rs,
					row) -> new Object[] { new CommunityId(rs.getObject("id", UUID.class)), rs.getString("slug"),
							rs.getString("name") })
			.list()
			.stream()
			.map(columns -> {
				CommunityId community = (CommunityId) columns[0];
				CollectorHistory history = history(community, fan);
				return new CommunityRecord((String) columns[1], (String) columns[2], history.collectedCount(),
						badges(community, history));
			})
			.toList();
		return new Collection(editions, communities);
	}

	/**
	 * Returns how an order stands in the fan's history with its community: which of their
	 * drops with the community it is (counted by first purchase) and the badges they hold
	 * there now.
	 * @param order the order
	 * @param fan the fan; another fan's order is not found
	 * @return the recognition, empty for an unknown order
	 */
	@Transactional(readOnly = true)
	public Optional<OrderRecognition> forOrder(UUID order, AccountId fan) {
		return this.jdbc.sql("""
				select d.id as drop_id, d.community_id, c.name from orders o join drop_items i on i.id = o.drop_item_id
				join drops d on d.id = i.drop_id join communities c on c.id = d.community_id
				where o.id = ? and o.account_id = ?
				""").params(order, fan.value()).query((rs, row) -> {
			UUID drop = rs.getObject("drop_id", UUID.class);
			CommunityId community = new CommunityId(rs.getObject("community_id", UUID.class));
			List<UUID> inOrder = this.jdbc
				.sql("""
						select i.drop_id from orders o join drop_items i on i.id = o.drop_item_id
						join drops d on d.id = i.drop_id
						where o.account_id = ? and d.community_id = ? and ((o.payment_status <> 'REFUNDED' and o.status = 'PAID') or o.id = ?)
						group by i.drop_id order by min(o.created_at)
						""")
				.params(fan.value(), community.value(), order)
				.query(UUID.class)
				.list();
			return new OrderRecognition(inOrder.indexOf(drop) + 1, rs.getString("name"),
					badges(community, history(community, fan)));
		}).optional();
	}

	/**
	 * Returns how an order stands in its buyer's history with the community, for the
	 * packing slip ops print: as {@link #forOrder(UUID, AccountId)} for the order's own
	 * fan.
	 * @param order the order
	 * @return the recognition, empty for an unknown order
	 */
	@Transactional(readOnly = true)
	public Optional<OrderRecognition> forPackedOrder(UUID order) {
		return this.jdbc.sql("select account_id from orders where id = ?")
			.param(order)
			.query(UUID.class)
			.optional()
			.flatMap(fan -> forOrder(order, new AccountId(fan)));
	}

	/**
	 * Returns what to tell a returning collector on a drop's page: the drops they
	 * collected with its community and the badges they hold there.
	 * @param community the drop's community
	 * @param fan the signed-in fan
	 * @return the greeting, empty when the fan has collected nothing in the community yet
	 */
	@Transactional(readOnly = true)
	public Optional<Greeting> greeting(CommunityId community, AccountId fan) {
		CollectorHistory history = history(community, fan);
		if (history.collectedCount() == 0) {
			return Optional.empty();
		}
		return Optional.of(new Greeting(history.collectedCount(), badges(community, history)));
	}

	/**
	 * Returns a fan's collector profile settings.
	 * @param fan the fan
	 * @return the profile, empty when they never chose a handle
	 */
	@Transactional(readOnly = true)
	public Optional<CollectorProfile> profileOf(AccountId fan) {
		return this.jdbc.sql("select handle, public from collector_profiles where account_id = ?")
			.param(fan.value())
			.query((rs, row) -> new CollectorProfile(rs.getString("handle"), rs.getBoolean("public")))
			.optional();
	}

	/**
	 * Saves a fan's handle and whether their collection is public at
	 * {@code /collectors/{handle}}.
	 * @param fan the fan
	 * @param profile the handle (a slug of up to 30 characters) and the choice
	 * @throws RecognitionRefusedException when the handle is invalid or taken
	 */
	@Transactional
	public void saveProfile(AccountId fan, CollectorProfile profile) {
		String handle = (profile.handle() != null) ? profile.handle().strip().toLowerCase(java.util.Locale.ROOT) : "";
		if (!Slug.isValid(handle) || handle.length() > 30) {
			throw new RecognitionRefusedException("collection.profile.handle.invalid");
		}
		try {
			this.jdbc.sql("""
					insert into collector_profiles (account_id, handle, public, updated_at) values (?, ?, ?, ?)
					on conflict (account_id) do update set handle = excluded.handle, public = excluded.public,
					    updated_at = excluded.updated_at
					""").params(fan.value(), handle, profile.isPublic(), timestamp(this.clock.instant())).update();
		}
		catch (DuplicateKeyException ex) {
			throw new RecognitionRefusedException("collection.profile.handle.taken");
		}
	}

	/**
	 * Returns the collection behind a public handle.
	 * @param handle the handle
	 * @return the collection, empty unless a fan chose the handle and made it public
	 */
	@Transactional(readOnly = true)
	public Optional<Collection> publicCollection(String handle) {
		return this.jdbc.sql("select account_id from collector_profiles where handle = ? and public")
			.param(handle)
			.query(UUID.class)
			.optional()
			.map(account -> collectionOf(new AccountId(account)));
	}

	private List<Badge> badges(CommunityId community, CollectorHistory history) {
		return rules(community).stream()
			.filter(rule -> rule.earnedBy(history))
			.map(rule -> new Badge(rule.name(), rule.description()))
			.toList();
	}

	CollectorHistory history(CommunityId community, AccountId fan) {
		Instant now = this.clock.instant();
		Set<UUID> collected = new HashSet<>(this.jdbc.sql("""
				select distinct i.drop_id from orders o join drop_items i on i.id = o.drop_item_id
				join drops d on d.id = i.drop_id
				where o.account_id = ? and d.community_id = ? and o.payment_status <> 'REFUNDED' and o.status = 'PAID'
				""").params(fan.value(), community.value()).query(UUID.class).list());
		List<CollectorHistory.PastDrop> drops = this.jdbc.sql("""
				select d.id, d.opens_at, d.cadence_id,
				       (d.closed_early_at is not null or d.closes_at <= ?) as over
				from drops d where d.community_id = ? and (d.scheduled or d.id = any(?))
				""")
			.params(timestamp(now), community.value(), collected.toArray(UUID[]::new))
			.query((rs, row) -> new CollectorHistory.PastDrop(rs.getObject("id", UUID.class),
					rs.getTimestamp("opens_at").toInstant(), rs.getBoolean("over"),
					rs.getObject("cadence_id", UUID.class)))
			.list();
		Instant joinedAt = this.jdbc
			.sql("select joined_at from community_members where community_id = ? and account_id = ?")
			.params(community.value(), fan.value())
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.optional()
			.orElse(null);
		return new CollectorHistory(drops, collected, joinedAt);
	}

	private static BadgeRule rule(ResultSet rs) throws SQLException {
		Timestamp before = rs.getTimestamp("before");
		return new BadgeRule(rs.getObject("id", UUID.class), new CommunityId(rs.getObject("community_id", UUID.class)),
				BadgeKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("description"),
				(Integer) rs.getObject("drop_count"), (before != null) ? before.toInstant() : null,
				rs.getObject("cadence_id", UUID.class));
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/**
	 * What a merchandiser entered for a rule.
	 *
	 * @param kind what it recognises
	 * @param name the badge's name
	 * @param description what it means
	 * @param dropCount n or k, as the kind needs
	 * @param before the founding date, as the kind needs
	 * @param cadence the cadence, or {@code null}
	 */
	public record RuleDraft(BadgeKind kind, String name, String description, Integer dropCount, Instant before,
			UUID cadence) {

		BadgeRule toRule(UUID id, CommunityId community) {
			if (this.kind == null) {
				throw new RecognitionRefusedException("recognition.kind.required");
			}
			return new BadgeRule(id, community, this.kind, this.name, this.description, this.dropCount, this.before,
					this.cadence);
		}

	}

	/**
	 * A badge a fan holds.
	 *
	 * @param name its name
	 * @param description what it means
	 */
	public record Badge(String name, String description) {
	}

	/**
	 * One numbered unit a fan owns.
	 *
	 * @param order the order it came with
	 * @param orderNumber that order's number
	 * @param edition its number
	 * @param editionSize the run's size, or {@code null} for an open run
	 * @param skuName the SKU's name
	 * @param dropTitle the drop's title
	 * @param dropSlug the drop's slug
	 * @param communityName the community's name
	 * @param communitySlug the community's slug
	 * @param boughtAt when it was paid
	 */
	public record OwnedEdition(UUID order, String orderNumber, int edition, Integer editionSize, String skuName,
			String dropTitle, String dropSlug, String communityName, String communitySlug, Instant boughtAt) {
	}

	/**
	 * A fan in one community.
	 *
	 * @param slug the community's slug
	 * @param name its name
	 * @param dropsCollected how many of its drops the fan bought from
	 * @param badges the badges the fan holds there
	 */
	public record CommunityRecord(String slug, String name, int dropsCollected, List<Badge> badges) {
	}

	/**
	 * A fan's collection.
	 *
	 * @param editions every edition they own, newest first
	 * @param communities the communities they joined or bought in, by name
	 */
	public record Collection(List<OwnedEdition> editions, List<CommunityRecord> communities) {

		/**
		 * Returns how many drops the fan collected across all communities.
		 * @return the sum
		 */
		public int dropsCollected() {
			return this.communities.stream().mapToInt(CommunityRecord::dropsCollected).sum();
		}

		/**
		 * Returns the editions grouped by community name, in first-seen order.
		 * @return the groups
		 */
		public Map<String, List<OwnedEdition>> editionsByCommunity() {
			Map<String, List<OwnedEdition>> groups = new LinkedHashMap<>();
			this.editions.forEach(
					edition -> groups.computeIfAbsent(edition.communityName(), name -> new ArrayList<>()).add(edition));
			return groups;
		}

	}

	/**
	 * An order in its fan's history with the community.
	 *
	 * @param ordinal 1 for the fan's first drop with the community, 2 for the second, …
	 * @param communityName the community's name
	 * @param badges the badges the fan holds there now
	 */
	public record OrderRecognition(int ordinal, String communityName, List<Badge> badges) {
	}

	/**
	 * What a returning collector is told on a drop's page.
	 *
	 * @param dropsCollected how many of the community's drops they collected
	 * @param badges the badges they hold there
	 */
	public record Greeting(int dropsCollected, List<Badge> badges) {
	}

	/**
	 * A fan's public collector profile settings.
	 *
	 * @param handle the handle in {@code /collectors/{handle}}
	 * @param isPublic whether the collection is shown there
	 */
	public record CollectorProfile(String handle, boolean isPublic) implements java.io.Serializable {
	}

}
