package io.microdrops.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.HashMap;
import java.util.function.Supplier;

import io.microdrops.catalog.StoryBlockContent.InterviewAnswer;
import io.microdrops.catalog.StoryBlockContent.SpecRow;
import io.microdrops.catalog.StoryBlockContent.StoryPhoto;
import io.microdrops.media.ImageUploads;
import io.microdrops.media.StoredImage;
import io.microdrops.shared.Slug;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, edits and finds SKUs, and edits their stories: an ordered list of blocks that
 * merchandisers add, move up or down and remove. Every story change checks its input
 * first and runs in one transaction with the SKU's row locked, so a refused change leaves
 * nothing behind and two people editing one story take turns.
 */
@Service
public class CatalogManagement {

	private final Skus skus;

	private final StoryBlocks storyBlocks;

	private final ImageUploads images;

	private final Clock clock;

	CatalogManagement(Skus skus, StoryBlocks storyBlocks, ImageUploads images, Clock clock) {
		this.skus = skus;
		this.storyBlocks = storyBlocks;
		this.images = images;
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

	/**
	 * Counts the story blocks of every SKU.
	 * @return blocks per SKU; SKUs without a story are missing
	 */
	@Transactional(readOnly = true)
	public Map<SkuId, Integer> storyBlockCounts() {
		Map<SkuId, Integer> counts = new HashMap<>();
		this.storyBlocks.countBySku().forEach((sku, count) -> counts.put(new SkuId(sku), count));
		return counts;
	}

	/**
	 * Reads a SKU's story.
	 * @param slug the SKU
	 * @return its blocks in reading order
	 * @throws SkuNotFoundException when there is no such SKU
	 */
	@Transactional(readOnly = true)
	public Story story(String slug) {
		UUID sku = this.storyBlocks.findSkuId(slug).orElseThrow(() -> new SkuNotFoundException(slug));
		return new Story(new SkuId(sku), this.storyBlocks.findBySku(sku));
	}

	/**
	 * Adds a hero block (an image and a headline) at the end of a story.
	 * @param slug the SKU
	 * @param headline the headline, plain text
	 * @param image the image with its alt text
	 * @return the new block
	 * @throws StoryBlockRefusedException when a text is missing or too long, or the story
	 * is full
	 * @throws io.microdrops.media.ImageRefusedException when the upload is not an
	 * acceptable image
	 */
	@Transactional
	public StoryBlock addHero(String slug, String headline, ImageUpload image) {
		UUID sku = lockWithRoom(slug);
		String checkedHeadline = StoryRules.headline(headline);
		String altText = StoryRules.altText(image);
		StoryImage stored = storeImage(image, altText);
		return append(sku, new StoryBlockContent.Hero(stored, checkedHeadline));
	}

	/**
	 * Adds a text block at the end of a story.
	 * @param slug the SKU
	 * @param markdown plain text or Markdown; rendered safely by {@link StoryText}
	 * @return the new block
	 * @throws StoryBlockRefusedException when the text is missing or too long, or the
	 * story is full
	 */
	@Transactional
	public StoryBlock addText(String slug, String markdown) {
		UUID sku = lockWithRoom(slug);
		return append(sku, new StoryBlockContent.Text(StoryRules.text(markdown)));
	}

	/**
	 * Adds an interview block at the end of a story. Pairs with neither question nor
	 * answer are skipped.
	 * @param slug the SKU
	 * @param answers the question/answer pairs, in order
	 * @return the new block
	 * @throws StoryBlockRefusedException when no pair is complete, a text is too long, or
	 * the story is full
	 */
	@Transactional
	public StoryBlock addInterview(String slug, List<InterviewAnswer> answers) {
		UUID sku = lockWithRoom(slug);
		return append(sku, new StoryBlockContent.Interview(StoryRules.answers(answers)));
	}

	/**
	 * Adds a specs block at the end of a story. Rows with neither label nor value are
	 * skipped.
	 * @param slug the SKU
	 * @param rows the rows, in order
	 * @return the new block
	 * @throws StoryBlockRefusedException when no row is complete, a text is too long, or
	 * the story is full
	 */
	@Transactional
	public StoryBlock addSpecs(String slug, List<SpecRow> rows) {
		UUID sku = lockWithRoom(slug);
		return append(sku, new StoryBlockContent.Specs(StoryRules.rows(rows)));
	}

	/**
	 * Adds a gallery of process photos at the end of a story, starting with one photo;
	 * {@link #addPhoto} adds more.
	 * @param slug the SKU
	 * @param image the photo with its alt text
	 * @param caption an optional caption
	 * @return the new block
	 * @throws StoryBlockRefusedException when a text is missing or too long, or the story
	 * is full
	 * @throws io.microdrops.media.ImageRefusedException when the upload is not an
	 * acceptable image
	 */
	@Transactional
	public StoryBlock addGallery(String slug, ImageUpload image, String caption) {
		UUID sku = lockWithRoom(slug);
		String altText = StoryRules.altText(image);
		String checkedCaption = StoryRules.caption(caption);
		StoryImage stored = storeImage(image, altText);
		return append(sku, new StoryBlockContent.Gallery(List.of(new StoryPhoto(stored, checkedCaption))));
	}

	/**
	 * Adds a showcase of fan photos at the end of a story, starting with one photo;
	 * {@link #addPhoto} adds more.
	 * @param slug the SKU
	 * @param image the photo with its alt text
	 * @param credit who took it; required
	 * @return the new block
	 * @throws StoryBlockRefusedException when a text is missing or too long, or the story
	 * is full
	 * @throws io.microdrops.media.ImageRefusedException when the upload is not an
	 * acceptable image
	 */
	@Transactional
	public StoryBlock addShowcase(String slug, ImageUpload image, String credit) {
		UUID sku = lockWithRoom(slug);
		String altText = StoryRules.altText(image);
		String checkedCredit = StoryRules.credit(credit);
		StoryImage stored = storeImage(image, altText);
		return append(sku, new StoryBlockContent.Showcase(List.of(new StoryPhoto(stored, checkedCredit))));
	}

	/**
	 * Adds a photo at the end of a gallery or showcase block.
	 * @param slug the SKU
	 * @param block the gallery or showcase
	 * @param image the photo with its alt text
	 * @param caption the caption (gallery, optional) or the fan's credit (showcase,
	 * required)
	 * @return the changed block
	 * @throws StoryBlockRefusedException when the block is not a gallery or showcase of
	 * this SKU, a text is missing or too long, or the block is full
	 * @throws io.microdrops.media.ImageRefusedException when the upload is not an
	 * acceptable image
	 */
	@Transactional
	public StoryBlock addPhoto(String slug, StoryBlockId block, ImageUpload image, String caption) {
		UUID sku = lock(slug);
		StoryBlock current = requireBlock(sku, block);
		String altText = StoryRules.altText(image);
		StoryBlockContent changed = switch (current.content()) {
			case StoryBlockContent.Gallery gallery -> {
				String checkedCaption = StoryRules.caption(caption);
				yield new StoryBlockContent.Gallery(
						withPhoto(gallery.photos(), () -> new StoryPhoto(storeImage(image, altText), checkedCaption)));
			}
			case StoryBlockContent.Showcase showcase -> {
				String checkedCredit = StoryRules.credit(caption);
				yield new StoryBlockContent.Showcase(
						withPhoto(showcase.photos(), () -> new StoryPhoto(storeImage(image, altText), checkedCredit)));
			}
			default -> throw new StoryBlockRefusedException(null, "story.block.takes-no-photos");
		};
		this.storyBlocks.updateContent(block, changed, this.clock.instant());
		return new StoryBlock(block, changed);
	}

	/**
	 * Moves a block one place up (earlier); the first block stays where it is.
	 * @param slug the SKU
	 * @param block the block
	 * @throws StoryBlockRefusedException when the block is not part of this SKU's story
	 */
	@Transactional
	public void moveStoryBlockUp(String slug, StoryBlockId block) {
		move(slug, block, -1);
	}

	/**
	 * Moves a block one place down (later); the last block stays where it is.
	 * @param slug the SKU
	 * @param block the block
	 * @throws StoryBlockRefusedException when the block is not part of this SKU's story
	 */
	@Transactional
	public void moveStoryBlockDown(String slug, StoryBlockId block) {
		move(slug, block, 1);
	}

	/**
	 * Removes a block; the blocks after it move up. Its images stay stored (other blocks
	 * may show the same image).
	 * @param slug the SKU
	 * @param block the block
	 * @throws StoryBlockRefusedException when the block is not part of this SKU's story
	 */
	@Transactional
	public void removeStoryBlock(String slug, StoryBlockId block) {
		UUID sku = lock(slug);
		List<StoryBlock> blocks = this.storyBlocks.findBySku(sku);
		int index = indexOf(blocks, block);
		this.storyBlocks.delete(block);
		for (int i = index + 1; i < blocks.size(); i++) {
			this.storyBlocks.updatePosition(blocks.get(i).id(), i - 1);
		}
	}

	private void move(String slug, StoryBlockId block, int offset) {
		UUID sku = lock(slug);
		List<StoryBlock> blocks = this.storyBlocks.findBySku(sku);
		int index = indexOf(blocks, block);
		int target = index + offset;
		if (target < 0 || target >= blocks.size()) {
			return;
		}
		this.storyBlocks.updatePosition(blocks.get(index).id(), target);
		this.storyBlocks.updatePosition(blocks.get(target).id(), index);
	}

	private UUID lock(String slug) {
		return this.storyBlocks.lockSku(slug).orElseThrow(() -> new SkuNotFoundException(slug));
	}

	private UUID lockWithRoom(String slug) {
		UUID sku = lock(slug);
		if (this.storyBlocks.findBySku(sku).size() >= StoryRules.MAX_BLOCKS) {
			throw new StoryBlockRefusedException(null, "story.blocks.too-many");
		}
		return sku;
	}

	private StoryBlock requireBlock(UUID sku, StoryBlockId block) {
		List<StoryBlock> blocks = this.storyBlocks.findBySku(sku);
		return blocks.get(indexOf(blocks, block));
	}

	private static int indexOf(List<StoryBlock> blocks, StoryBlockId block) {
		for (int i = 0; i < blocks.size(); i++) {
			if (blocks.get(i).id().equals(block)) {
				return i;
			}
		}
		throw new StoryBlockRefusedException(null, "story.block.not-found");
	}

	private static List<StoryPhoto> withPhoto(List<StoryPhoto> photos, Supplier<StoryPhoto> photo) {
		if (photos.size() >= StoryRules.MAX_PHOTOS) {
			throw new StoryBlockRefusedException(null, "story.photos.too-many");
		}
		List<StoryPhoto> changed = new ArrayList<>(photos);
		changed.add(photo.get());
		return List.copyOf(changed);
	}

	private StoryImage storeImage(ImageUpload image, String altText) {
		StoredImage stored = this.images.store(image.content());
		return StoryImage.of(stored, altText);
	}

	private StoryBlock append(UUID sku, StoryBlockContent content) {
		int position = this.storyBlocks.findBySku(sku).size();
		StoryBlockId id = new StoryBlockId(UUID.randomUUID());
		this.storyBlocks.insert(sku, id, position, content, this.clock.instant());
		return new StoryBlock(id, content);
	}

}
