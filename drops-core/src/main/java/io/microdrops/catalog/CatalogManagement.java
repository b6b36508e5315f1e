package io.microdrops.catalog;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.microdrops.shared.Slug;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, edits and finds SKUs.
 */
@Service
public class CatalogManagement {

	private final Skus skus;

	private final Clock clock;

	CatalogManagement(Skus skus, Clock clock) {
		this.skus = skus;
		this.clock = clock;
	}

	/**
	 * Creates a SKU, active.
	 * @param slug its address name
	 * @param details what it is
	 * @return the new SKU
	 * @throws SkuSlugTakenException when another SKU has the slug
	 */
	@Transactional
	public Sku create(String slug, SkuDetails details) {
		String checked = Slug.require(slug);
		if (this.skus.existsBySlug(checked)) {
			throw new SkuSlugTakenException(checked);
		}
		try {
			return this.skus.saveAndFlush(new Sku(checked, details, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw new SkuSlugTakenException(checked);
		}
	}

	/**
	 * Changes a SKU's details; its slug stays.
	 * @param slug the SKU
	 * @param details the new details
	 * @return the SKU
	 */
	@Transactional
	public Sku update(String slug, SkuDetails details) {
		Sku sku = require(slug);
		sku.update(details);
		return sku;
	}

	/**
	 * Retires a SKU: it stays in history and in drops already planned, but no new drop
	 * can use it.
	 * @param slug the SKU
	 */
	@Transactional
	public void retire(String slug) {
		require(slug).retire();
	}

	/**
	 * Makes a retired SKU available for new drops again.
	 * @param slug the SKU
	 */
	@Transactional
	public void reactivate(String slug) {
		require(slug).reactivate();
	}

	/**
	 * Finds a SKU by slug.
	 * @param slug the slug
	 * @return the SKU, if any
	 */
	@Transactional(readOnly = true)
	public Optional<Sku> find(String slug) {
		return this.skus.findBySlug(slug);
	}

	/**
	 * Finds a SKU by slug or refuses.
	 * @param slug the slug
	 * @return the SKU
	 * @throws SkuNotFoundException when there is none
	 */
	@Transactional(readOnly = true)
	public Sku require(String slug) {
		return this.skus.findBySlug(slug).orElseThrow(() -> new SkuNotFoundException(slug));
	}

	/**
	 * Finds SKUs by id.
	 * @param ids the ids
	 * @return the SKUs found, in no particular order
	 */
	@Transactional(readOnly = true)
	public List<Sku> findAll(Collection<SkuId> ids) {
		return this.skus.findAllById(ids.stream().map(SkuId::value).toList());
	}

	/**
	 * Lists every SKU by name.
	 * @return the SKUs
	 */
	@Transactional(readOnly = true)
	public List<Sku> list() {
		return this.skus.findAllByOrderByNameAsc();
	}

}
