package io.microdrops.cadence;

import java.util.UUID;

import io.microdrops.catalog.SkuId;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One SKU in every drop of a cadence, as stored: the SKU by id, so renaming it changes
 * nothing here.
 */
@Embeddable
public class CadenceItem {

	@Column(name = "sku_id", nullable = false)
	private UUID skuId;

	@Column(nullable = false)
	private int quantity;

	@Column(name = "per_fan_limit", nullable = false)
	private int perFanLimit;

	protected CadenceItem() {
	}

	CadenceItem(SkuId sku, int quantity, int perFanLimit) {
		this.skuId = sku.value();
		this.quantity = quantity;
		this.perFanLimit = perFanLimit;
	}

	/**
	 * Returns the SKU.
	 * @return its id
	 */
	public SkuId sku() {
		return new SkuId(this.skuId);
	}

	/**
	 * Returns the units released per drop.
	 * @return the quantity
	 */
	public int quantity() {
		return this.quantity;
	}

	/**
	 * Returns the units one fan may have.
	 * @return the per-fan limit
	 */
	public int perFanLimit() {
		return this.perFanLimit;
	}

}
