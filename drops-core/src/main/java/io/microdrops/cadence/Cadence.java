package io.microdrops.cadence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.microdrops.community.CommunityId;
import io.microdrops.drop.AccessMode;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * A recurring schedule for a community: a recurrence in the community's time zone and a
 * template for the drops it creates ahead of time, up to a horizon. Its rules are checked
 * by {@link CadenceManagement} before it is built or changed; pausing stops new drafts,
 * resuming starts them again, and every change registers {@link CadenceChanged}.
 */
@Entity
@Table(name = "cadences")
public class Cadence extends AbstractAggregateRoot<Cadence> {

	/** The horizon when none is given, in weeks. */
	public static final int DEFAULT_HORIZON_WEEKS = 4;

	/** The longest horizon accepted, in weeks. */
	public static final int MAX_HORIZON_WEEKS = 26;

	/**
	 * The longest cadence slug: room is left for the {@code -yyyy-mm-dd} the drops' slugs
	 * add.
	 */
	public static final int MAX_SLUG_LENGTH = 49;

	@Id
	private UUID id;

	@Column(nullable = false, unique = true, updatable = false)
	private String slug;

	@Column(name = "community_id", nullable = false, updatable = false)
	private UUID communityId;

	@Column(nullable = false)
	private String rule;

	@Column(name = "local_time", nullable = false)
	private LocalTime localTime;

	@Column(name = "starts_on", nullable = false)
	private LocalDate startsOn;

	@Column(name = "title_pattern", nullable = false)
	private String titlePattern;

	@Enumerated(EnumType.STRING)
	@Column(name = "access_mode", nullable = false)
	private AccessMode accessMode;

	@Column(name = "announce_lead_hours", nullable = false)
	private int announceLeadHours;

	@Column(name = "early_access_lead_hours")
	private Integer earlyAccessLeadHours;

	@Column(name = "open_hours", nullable = false)
	private int openHours;

	@Column(name = "hold_minutes", nullable = false)
	private int holdMinutes;

	@Column(name = "horizon_weeks", nullable = false)
	private int horizonWeeks;

	@Column(nullable = false)
	private boolean active;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "cadence_items", joinColumns = @JoinColumn(name = "cadence_id"))
	@OrderColumn(name = "position")
	private List<CadenceItem> items = new ArrayList<>();

	@Version
	private long version;

	protected Cadence() {
	}

	Cadence(String slug, CommunityId community, Schedule schedule, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.slug = slug;
		this.communityId = community.value();
		this.createdAt = createdAt;
		this.active = true;
		apply(schedule);
	}

	/**
	 * Replaces the recurrence, template and horizon; drafts created already stay as they
	 * are.
	 * @param schedule the checked new schedule
	 */
	void change(Schedule schedule) {
		apply(schedule);
		registerEvent(new CadenceChanged(id(), this.slug, this.active));
	}

	/**
	 * Stops creating drafts; changes nothing if paused already.
	 */
	void pause() {
		if (this.active) {
			this.active = false;
			registerEvent(new CadenceChanged(id(), this.slug, false));
		}
	}

	/**
	 * Starts creating drafts again; changes nothing if active already.
	 */
	void resume() {
		if (!this.active) {
			this.active = true;
			registerEvent(new CadenceChanged(id(), this.slug, true));
		}
	}

	/**
	 * Registers that the cadence was created, once it has been stored.
	 * @return this cadence
	 */
	Cadence created() {
		registerEvent(new CadenceChanged(id(), this.slug, this.active));
		return this;
	}

	private void apply(Schedule schedule) {
		Recurrence recurrence = schedule.recurrence();
		DropTemplate template = schedule.template();
		this.rule = recurrence.toRule();
		this.localTime = recurrence.at();
		this.startsOn = schedule.startsOn();
		this.titlePattern = template.titlePattern().strip();
		this.accessMode = template.accessMode();
		this.announceLeadHours = template.announceLeadHours();
		this.earlyAccessLeadHours = template.earlyAccessLeadHours();
		this.openHours = template.openHours();
		this.holdMinutes = template.holdMinutes();
		this.horizonWeeks = schedule.horizonWeeks();
		this.items.clear();
		this.items.addAll(schedule.items());
	}

	/**
	 * Returns the id.
	 * @return the id
	 */
	public CadenceId id() {
		return new CadenceId(this.id);
	}

	/**
	 * Returns the slug; the drops it creates are called {@code <slug>-<yyyy-mm-dd>}.
	 * @return the slug
	 */
	public String slug() {
		return this.slug;
	}

	/**
	 * Returns the community the drops are for.
	 * @return the community's id
	 */
	public CommunityId community() {
		return new CommunityId(this.communityId);
	}

	/**
	 * Returns when the drops open.
	 * @return the recurrence
	 */
	public Recurrence recurrence() {
		return Recurrence.parse(this.rule, this.localTime);
	}

	/**
	 * Returns the stored RRULE.
	 * @return the rule, without the local time
	 */
	public String rule() {
		return this.rule;
	}

	/**
	 * Returns the first date counted: the first opening is the first matching day on or
	 * after it.
	 * @return the date
	 */
	public LocalDate startsOn() {
		return this.startsOn;
	}

	/**
	 * Returns the title pattern.
	 * @return the pattern with {@code {date}} and {@code {n}} placeholders
	 */
	public String titlePattern() {
		return this.titlePattern;
	}

	/**
	 * Returns the access mode of the drops.
	 * @return the access mode
	 */
	public AccessMode accessMode() {
		return this.accessMode;
	}

	/**
	 * Returns the hours between announcement and opening.
	 * @return hours
	 */
	public int announceLeadHours() {
		return this.announceLeadHours;
	}

	/**
	 * Returns the hours of early access before opening.
	 * @return hours, or {@code null} for no early access
	 */
	public Integer earlyAccessLeadHours() {
		return this.earlyAccessLeadHours;
	}

	/**
	 * Returns how long each drop stays open.
	 * @return hours
	 */
	public int openHours() {
		return this.openHours;
	}

	/**
	 * Returns how long a reservation holds units.
	 * @return minutes
	 */
	public int holdMinutes() {
		return this.holdMinutes;
	}

	/**
	 * Returns how far ahead drafts are created.
	 * @return weeks
	 */
	public int horizonWeeks() {
		return this.horizonWeeks;
	}

	/**
	 * Tells whether the cadence creates drafts.
	 * @return {@code false} while paused
	 */
	public boolean isActive() {
		return this.active;
	}

	/**
	 * Returns the items of every drop, in order.
	 * @return the items
	 */
	public List<CadenceItem> items() {
		return Collections.unmodifiableList(this.items);
	}

	/**
	 * Returns when the cadence was created.
	 * @return the instant
	 */
	public Instant createdAt() {
		return this.createdAt;
	}

	/**
	 * A checked schedule, with the SKUs resolved to ids.
	 *
	 * @param recurrence when drops open
	 * @param startsOn the first date counted
	 * @param template what the drops look like
	 * @param items the template's items with their SKUs' ids
	 * @param horizonWeeks how far ahead drafts are created
	 */
	record Schedule(Recurrence recurrence, LocalDate startsOn, DropTemplate template, List<CadenceItem> items,
			int horizonWeeks) {
	}

}
