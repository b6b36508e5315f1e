package io.microdrops.catalog;

import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import io.microdrops.shared.Money;
import io.microdrops.shared.Texts;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A micro-SKU: a sellable item with a price, an optional edition size (a limited,
 * numbered run), an optional maker credit and a status.
 */
@Entity
@Table(name = "skus")
public class Sku {

	@Id
	private UUID id;

	@Column(nullable = false, unique = true, updatable = false)
	private String slug;

	@Column(nullable = false)
	private String name;

	@Column(name = "price_minor", nullable = false)
	private long priceMinor;

	// The column is char(3): an ISO 4217 code always has three letters.
	@Column(nullable = false, length = 3)
	private String currency;

	@Column(name = "edition_size")
	private Integer editionSize;

	@Column(name = "maker_name")
	private String makerName;

	@Column(name = "maker_bio")
	private String makerBio;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private SkuStatus status;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Version
	private long version;

	protected Sku() {
	}

	Sku(String slug, SkuDetails details, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.slug = slug;
		this.status = SkuStatus.ACTIVE;
		this.createdAt = createdAt;
		apply(details);
	}

	void update(SkuDetails details) {
		apply(details);
	}

	void retire() {
		this.status = SkuStatus.RETIRED;
	}

	void reactivate() {
		this.status = SkuStatus.ACTIVE;
	}

	private void apply(SkuDetails details) {
		if (details.editionSize() != null && details.editionSize() < 1) {
			throw new IllegalArgumentException("An edition size must be at least 1");
		}
		this.name = details.name().strip();
		this.priceMinor = details.price().minor();
		this.currency = details.price().currency().getCurrencyCode();
		this.editionSize = details.editionSize();
		this.makerName = Texts.blankToNull(details.makerName());
		this.makerBio = Texts.blankToNull(details.makerBio());
	}

	/**
	 * Returns the id.
	 * @return the id
	 */
	public SkuId id() {
		return new SkuId(this.id);
	}

	/**
	 * Returns the slug.
	 * @return the slug
	 */
	public String slug() {
		return this.slug;
	}

	/**
	 * Returns the name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the price of one unit.
	 * @return the price
	 */
	public Money price() {
		return new Money(this.priceMinor, Currency.getInstance(this.currency));
	}

	/**
	 * Returns the editable details.
	 * @return the details
	 */
	public SkuDetails details() {
		return new SkuDetails(this.name, price(), this.editionSize, this.makerName, this.makerBio);
	}

	/**
	 * Returns the size of the numbered run, or {@code null} for an open run.
	 * @return the edition size
	 */
	public Integer editionSize() {
		return this.editionSize;
	}

	/**
	 * Returns the status.
	 * @return the status
	 */
	public SkuStatus status() {
		return this.status;
	}

	/**
	 * Returns the credited maker.
	 * @return the maker's name, or {@code null}
	 */
	public String makerName() {
		return this.makerName;
	}

	/**
	 * Returns the maker's short bio.
	 * @return the bio, or {@code null}
	 */
	public String makerBio() {
		return this.makerBio;
	}

}
