package io.microdrops.community;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.shared.Slug;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and edits communities and keeps their member lists: fans join and leave from
 * the storefront, merchandisers read member counts and growth.
 */
@Service
public class CommunityManagement {

	private final Communities communities;

	private final JdbcClient jdbc;

	private final Clock clock;

	CommunityManagement(Communities communities, JdbcClient jdbc, Clock clock) {
		this.communities = communities;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Creates a community.
	 * @param slug the address name, lower-case words joined by hyphens
	 * @param details what the community is
	 * @return the new community
	 * @throws SlugTakenException when another community has the slug
	 */
	@Transactional
	public Community create(String slug, CommunityDetails details) {
		String checked = Slug.require(slug);
		if (this.communities.existsBySlug(checked)) {
			throw new SlugTakenException(checked);
		}
		try {
			return this.communities.saveAndFlush(new Community(checked, details, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw new SlugTakenException(checked);
		}
	}

	/**
	 * Changes a community's details; its slug stays.
	 * @param slug the community
	 * @param details the new details
	 * @return the community
	 */
	@Transactional
	public Community update(String slug, CommunityDetails details) {
		Community community = require(slug);
		community.update(details);
		return community;
	}

	/**
	 * Finds a community by slug.
	 * @param slug the slug
	 * @return the community, if any
	 */
	@Transactional(readOnly = true)
	public Optional<Community> find(String slug) {
		return this.communities.findBySlug(slug);
	}

	/**
	 * Finds a community by id.
	 * @param id the id
	 * @return the community, if any
	 */
	@Transactional(readOnly = true)
	public Optional<Community> find(CommunityId id) {
		return this.communities.findById(id.value());
	}

	/**
	 * Finds a community by slug or refuses.
	 * @param slug the slug
	 * @return the community
	 * @throws CommunityNotFoundException when there is none
	 */
	@Transactional(readOnly = true)
	public Community require(String slug) {
		return this.communities.findBySlug(slug).orElseThrow(() -> new CommunityNotFoundException(slug));
	}

	/**
	 * Lists every community with its member count and 30-day growth, by name.
	 * @return the overview rows
	 */
	@Transactional(readOnly = true)
	public List<CommunityOverview> overview() {
		Instant monthAgo = this.clock.instant().minus(Duration.ofDays(30));
		return this.jdbc.sql("""
				select c.id, c.slug, c.name, c.description, c.target_size, c.time_zone,
				       count(m.account_id) as members,
				       count(m.account_id) filter (where m.joined_at >= :since) as joined_recently
				from communities c left join community_members m on m.community_id = c.id
				group by c.id order by lower(c.name)
				""")
			.param("since", Timestamp.from(monthAgo))
			.query((rs, row) -> new CommunityOverview(new CommunityId(rs.getObject("id", UUID.class)),
					rs.getString("slug"), rs.getString("name"), rs.getString("description"), rs.getInt("target_size"),
					rs.getString("time_zone"), rs.getLong("members"), rs.getLong("joined_recently")))
			.list();
	}

	/**
	 * Adds a fan to a community; joining twice changes nothing.
	 * @param slug the community
	 * @param fan the fan
	 */
	@Transactional
	public void join(String slug, AccountId fan) {
		Community community = require(slug);
		this.jdbc.sql("""
				insert into community_members (community_id, account_id, joined_at) values (:community, :fan, :now)
				on conflict do nothing
				""")
			.param("community", community.id().value())
			.param("fan", fan.value())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	/**
	 * Removes a fan from a community; leaving when not a member changes nothing.
	 * @param slug the community
	 * @param fan the fan
	 */
	@Transactional
	public void leave(String slug, AccountId fan) {
		Community community = require(slug);
		this.jdbc.sql("delete from community_members where community_id = :community and account_id = :fan")
			.param("community", community.id().value())
			.param("fan", fan.value())
			.update();
	}

	/**
	 * Lists the communities a fan joined, first joined first.
	 * @param fan the fan
	 * @return their memberships
	 */
	@Transactional(readOnly = true)
	public List<Membership> membershipsOf(AccountId fan) {
		return this.jdbc.sql("""
				select c.slug, c.name, m.joined_at from community_members m join communities c on c.id = m.community_id
				where m.account_id = ? order by m.joined_at, c.slug
				""")
			.param(fan.value())
			.query((rs, row) -> new Membership(rs.getString("slug"), rs.getString("name"),
					rs.getTimestamp("joined_at").toInstant()))
			.list();
	}

	/**
	 * A community a fan joined.
	 *
	 * @param slug the community's slug
	 * @param name its name
	 * @param joinedAt when the fan joined
	 */
	public record Membership(String slug, String name, java.time.Instant joinedAt) {
	}

	/**
	 * Tells whether a fan belongs to a community.
	 * @param community the community
	 * @param fan the fan
	 * @return {@code true} if a member
	 */
	@Transactional(readOnly = true)
	public boolean isMember(CommunityId community, AccountId fan) {
		return this.jdbc
			.sql("select exists (select 1 from community_members where community_id = ? and account_id = ?)")
			.params(community.value(), fan.value())
			.query(Boolean.class)
			.single();
	}

	/**
	 * Lists a community's members.
	 * @param community the community
	 * @return the fans, first joined first
	 */
	@Transactional(readOnly = true)
	public List<AccountId> members(CommunityId community) {
		return this.jdbc.sql("select account_id from community_members where community_id = ? order by joined_at")
			.param(community.value())
			.query((rs, row) -> new AccountId(rs.getObject("account_id", UUID.class)))
			.list();
	}

	/**
	 * Counts a community's members.
	 * @param community the community
	 * @return the number of members
	 */
	@Transactional(readOnly = true)
	public long memberCount(CommunityId community) {
		return this.jdbc.sql("select count(*) from community_members where community_id = ?")
			.param(community.value())
			.query(Long.class)
			.single();
	}

	/**
	 * A community in the overview.
	 *
	 * @param id the id
	 * @param slug the slug
	 * @param name the name
	 * @param description the description
	 * @param targetSize the target size
	 * @param timeZone the time zone id
	 * @param members how many fans are members now
	 * @param joinedLast30Days how many of them joined in the last 30 days
	 */
	public record CommunityOverview(CommunityId id, String slug, String name, String description, int targetSize,
			String timeZone, long members, long joinedLast30Days) {
	}

}
