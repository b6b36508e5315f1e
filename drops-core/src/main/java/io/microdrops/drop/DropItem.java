package io.microdrops.drop;

import java.util.UUID;

import io.microdrops.catalog.SkuId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One SKU in a drop: how many units are released and how many one fan may have.
 */
@Entity
@Table(name = "drop_items")
public class DropItem {

	@Id
	private UUID id;

	@ManyToOne(optional = false)
	@JoinColumn(name = "drop_id", nullable = false, updatable = false)
	private Drop drop;

	@Column(name = "sku_id", nullable = false)
	private UUID skuId;

	@Column(nullable = false)
	private int quantity;

	@Column(name = "per_fan_limit", nullable = false)
	private int perFanLimit;

	@Column(nullable = false)
	private int position;

	protected DropItem() {
	}

	DropItem(Drop drop, NewDropItem item, int position) {
		this.id = UUID.randomUUID();
		this.drop = drop;
		this.skuId = item.sku().value();
		this.quantity = item.quantity();
		this.perFanLimit = item.perFanLimit();
		this.position = position;
	}

	void change(NewDropItem item, int position) {
		this.quantity = item.quantity();
		this.perFanLimit = item.perFanLimit();
		this.position = position;
	}

	/**
	 * Returns the item's id.
	 * @return the id
	 */
	public UUID id() {
		return this.id;
	}

	/**
	 * Returns the SKU released.
	 * @return the SKU's id
	 */
	public SkuId sku() {
		return new SkuId(this.skuId);
	}

	/**
	 * Returns how many units are released.
	 * @return the quantity
	 */
	public int quantity() {
		return this.quantity;
	}

	/**
	 * Returns how many units one fan may have.
	 * @return the per-fan limit
	 */
	public int perFanLimit() {
		return this.perFanLimit;
	}

	/**
	 * Returns the item's place in the drop.
	 * @return the position, from 0
	 */
	public int position() {
		return this.position;
	}

}
