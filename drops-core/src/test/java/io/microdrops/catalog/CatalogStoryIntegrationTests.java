package io.microdrops.catalog;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.microdrops.catalog.StoryBlockContent.Gallery;
import io.microdrops.catalog.StoryBlockContent.Hero;
import io.microdrops.catalog.StoryBlockContent.InterviewAnswer;
import io.microdrops.catalog.StoryBlockContent.SpecRow;
import io.microdrops.catalog.StoryBlockContent.Text;
import io.microdrops.media.ImageRefusedException;
import io.microdrops.testsupport.TestImages;
import io.microdrops.shared.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
class CatalogStoryIntegrationTests {

	@Autowired
	CatalogManagement catalog;

	@Autowired
	JdbcTemplate jdbc;

	String slug;

	@BeforeEach
	void sku() {
		this.slug = "story-" + UUID.randomUUID().toString().substring(0, 8);
		this.catalog.create(this.slug, new SkuDetails("Brass keycap", Money.of(2450, "EUR"), 200, "Ana", "Casts."));
	}

	@Test
	void addsBlocksOfEveryKindInOrder() {
		this.catalog.addHero(this.slug, "Cast by hand", new ImageUpload(TestImages.png(11), "A brass keycap"));
		this.catalog.addText(this.slug, "Each cap is **cast**.");
		this.catalog.addInterview(this.slug,
				List.of(new InterviewAnswer("Why brass?", "It ages well."), new InterviewAnswer("", "")));
		this.catalog.addGallery(this.slug, new ImageUpload(TestImages.png(12), "The mould"), "Step one");
		this.catalog.addSpecs(this.slug, List.of(new SpecRow("Material", "Brass"), new SpecRow(" ", "")));
		this.catalog.addShowcase(this.slug, new ImageUpload(TestImages.png(13), "A keyboard"), "@clack");

		Story story = this.catalog.story(this.slug);

		assertThat(story.blocks()).extracting(StoryBlock::kind)
			.containsExactly(StoryBlockKind.HERO, StoryBlockKind.TEXT, StoryBlockKind.INTERVIEW, StoryBlockKind.GALLERY,
					StoryBlockKind.SPECS, StoryBlockKind.SHOWCASE);
		Hero hero = (Hero) story.blocks().get(0).content();
		assertThat(hero.headline()).isEqualTo("Cast by hand");
		assertThat(hero.image().altText()).isEqualTo("A brass keycap");
		assertThat(hero.image().width()).isEqualTo(64);
		assertThat(hero.image().height()).isEqualTo(48);
		assertThat(((Text) story.blocks().get(1).content()).html()).contains("<strong>cast</strong>");
		assertThat(((StoryBlockContent.Interview) story.blocks().get(2).content()).answers()).hasSize(1);
		assertThat(((StoryBlockContent.Specs) story.blocks().get(4).content()).rows())
			.containsExactly(new SpecRow("Material", "Brass"));
		assertThat(this.catalog.storyBlockCounts()).containsEntry(this.catalog.require(this.slug).id(), 6);
	}

	@Test
	void movesBlocksUpAndDownAndLeavesTheEndsWhereTheyAre() {
		StoryBlock a = this.catalog.addText(this.slug, "a");
		StoryBlock b = this.catalog.addText(this.slug, "b");
		StoryBlock c = this.catalog.addText(this.slug, "c");

		this.catalog.moveStoryBlockUp(this.slug, c.id());
		assertThat(texts()).containsExactly("a", "c", "b");

		this.catalog.moveStoryBlockDown(this.slug, a.id());
		assertThat(texts()).containsExactly("c", "a", "b");

		this.catalog.moveStoryBlockUp(this.slug, c.id());
		this.catalog.moveStoryBlockDown(this.slug, b.id());
		assertThat(texts()).containsExactly("c", "a", "b");
	}

	@Test
	void removesABlockAndClosesTheGap() {
		this.catalog.addText(this.slug, "a");
		StoryBlock b = this.catalog.addText(this.slug, "b");
		StoryBlock c = this.catalog.addText(this.slug, "c");

		this.catalog.removeStoryBlock(this.slug, b.id());

		assertThat(texts()).containsExactly("a", "c");
		assertThat(this.jdbc.queryForList("select position from sku_story_blocks where id = ?", Integer.class,
				c.id().value()))
			.containsExactly(1);
	}

	@Test
	void addsPhotosToAGalleryButNotToATextBlock() {
		StoryBlock gallery = this.catalog.addGallery(this.slug, new ImageUpload(TestImages.png(21), "One"), null);
		StoryBlock text = this.catalog.addText(this.slug, "words");

		this.catalog.addPhoto(this.slug, gallery.id(), new ImageUpload(TestImages.png(22), "Two"), "second");

		assertThat(((Gallery) this.catalog.story(this.slug).blocks().get(0).content()).photos()).hasSize(2);
		assertThatExceptionOfType(StoryBlockRefusedException.class)
			.isThrownBy(
					() -> this.catalog.addPhoto(this.slug, text.id(), new ImageUpload(TestImages.png(23), "x"), null))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("story.block.takes-no-photos"));
	}

	@Test
	void refusesBadInputAndWritesNothing() {
		assertThatExceptionOfType(StoryBlockRefusedException.class)
			.isThrownBy(() -> this.catalog.addHero(this.slug, "Headline", new ImageUpload(TestImages.png(31), " ")))
			.satisfies(ex -> {
				assertThat(ex.field()).isEqualTo("altText");
				assertThat(ex.messageKey()).isEqualTo("story.alt-text.required");
			});
		assertThatExceptionOfType(StoryBlockRefusedException.class)
			.isThrownBy(() -> this.catalog.addText(this.slug, "x".repeat(10_001)))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("story.text.too-long"));
		assertThatExceptionOfType(StoryBlockRefusedException.class)
			.isThrownBy(() -> this.catalog.addInterview(this.slug, List.of(new InterviewAnswer("Why?", ""))))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("story.answer.required"));
		assertThatExceptionOfType(ImageRefusedException.class).isThrownBy(() -> this.catalog.addGallery(this.slug,
				new ImageUpload("not an image".getBytes(StandardCharsets.UTF_8), "alt"), null));

		assertThat(this.catalog.story(this.slug).blocks()).isEmpty();
	}

	@Test
	void refusesToChangeABlockThroughAnotherSku() {
		StoryBlock block = this.catalog.addText(this.slug, "mine");
		String other = this.slug + "-other";
		this.catalog.create(other, new SkuDetails("Other", Money.of(100, "EUR"), null, null, null));

		assertThatExceptionOfType(StoryBlockRefusedException.class)
			.isThrownBy(() -> this.catalog.removeStoryBlock(other, block.id()));
		assertThat(texts()).containsExactly("mine");
	}

	private List<String> texts() {
		return this.catalog.story(this.slug)
			.blocks()
			.stream()
			.map(block -> ((Text) block.content()).markdown())
			.toList();
	}

}
