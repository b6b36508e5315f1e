package io.microdrops.community;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import io.microdrops.shared.Texts;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A micro-audience: a named group of fans around one narrow interest, with its home
 * channel (a Discord, a forum), the time zone its drops are planned in, and the fatigue
 * limits that keep it from being drained.
 */
@Entity
@Table(name = "communities")
public class Community {

	@Id
	private UUID id;

	@Column(nullable = false, unique = true, updatable = false)
	private String slug;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String description;

	@Column(name = "home_channel_name")
	private String homeChannelName;

	@Column(name = "home_channel_url")
	private String homeChannelUrl;

	@Column(name = "target_size", nullable = false)
	private int targetSize;

	@Column(name = "time_zone", nullable = false)
	private String timeZone;

	@Column(name = "min_gap_days", nullable = false)
	private int minGapDays;

	@Column(name = "max_drops_per_30_days", nullable = false)
	private int maxDropsPer30Days;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Version
	private long version;

	protected Community() {
	}

	Community(String slug, CommunityDetails details, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.slug = slug;
		this.createdAt = createdAt;
		apply(details);
	}

	void update(CommunityDetails details) {
		apply(details);
	}

	private void apply(CommunityDetails details) {
		this.name = details.name().strip();
		this.description = details.description().strip();
		this.homeChannelName = Texts.blankToNull(details.homeChannelName());
		this.homeChannelUrl = Texts.blankToNull(details.homeChannelUrl());
		this.targetSize = details.targetSize();
		this.timeZone = details.timeZone().getId();
		this.minGapDays = details.minGapDays();
		this.maxDropsPer30Days = details.maxDropsPer30Days();
	}

	/**
	 * Returns the id.
	 * @return the id
	 */
	public CommunityId id() {
		return new CommunityId(this.id);
	}

	/**
	 * Returns the slug used in addresses.
	 * @return the slug
	 */
	public String slug() {
		return this.slug;
	}

	/**
	 * Returns the editable details.
	 * @return the details
	 */
	public CommunityDetails details() {
		return new CommunityDetails(this.name, this.description, this.homeChannelName, this.homeChannelUrl,
				this.targetSize, ZoneId.of(this.timeZone), this.minGapDays, this.maxDropsPer30Days);
	}

	/**
	 * Returns the name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the time zone drops of this community are planned and shown in.
	 * @return the zone
	 */
	public ZoneId timeZone() {
		return ZoneId.of(this.timeZone);
	}

	/**
	 * Returns when the community was created.
	 * @return the instant
	 */
	public Instant createdAt() {
		return this.createdAt;
	}

}
