package io.microdrops.admin.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.catalog.StoryBlock;
import io.microdrops.catalog.StoryBlockContent;
import io.microdrops.catalog.StoryBlockKind;
import io.microdrops.media.MediaId;
import io.microdrops.media.MediaStorage;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.FilePart;
import io.microdrops.testsupport.TestBrowser.Page;
import io.microdrops.testsupport.TestImages;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story editor over real HTTP, uploads included, as a merchandiser's browser uses it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StoryEditorIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	MediaStorage media;

	TestBrowser browser;

	String slug;

	@BeforeEach
	void signIn() {
		TestAccounts.ensure(this.accounts);
		this.slug = "story-" + UUID.randomUUID().toString().substring(0, 8);
		this.catalog.create(this.slug,
				new SkuDetails("Brass keycap", Money.of(2450, "EUR"), 200, "Ana Ferreira", "Casts brass in Porto."));
		this.browser = new TestBrowser("http://localhost:" + this.port);
		this.browser.signIn(TestAccounts.MERCHANDISER, TestAccounts.PASSWORD);
	}

	@Test
	void uploadsAHeroImageAndShowsItWithItsAltText() {
		byte[] png = TestImages.image("png", 320, 200, 41);
		editor();

		Page added = upload("hero", Map.of("headline", "Cast by hand", "altText", "A brass keycap on walnut"),
				new FilePart("image", "hero.png", "image/png", png));

		assertThat(added.status()).isEqualTo(302);
		assertThat(added.location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/admin/skus/" + this.slug + "/story"));
		Page editor = this.browser.follow(added);
		String key = sha256(png);
		assertThat(editor.body()).contains("Block saved.")
			.contains("/media/" + key)
			.contains("alt=\"A brass keycap on walnut\"")
			.contains("width=\"320\"")
			.contains("height=\"200\"");
		assertThat(this.media.exists(new MediaId(key))).isTrue();
	}

	@Test
	void acceptsAJpegSentWithAMisleadingNameAndType() {
		byte[] jpeg = TestImages.image("jpeg", 90, 60, 42);
		editor();

		Page added = upload("gallery", Map.of("altText", "The mould", "caption", "Step one"),
				new FilePart("image", "photo.txt", "text/plain", jpeg));

		assertThat(added.status()).isEqualTo(302);
		assertThat(blocks()).singleElement().extracting(StoryBlock::kind).isEqualTo(StoryBlockKind.GALLERY);
	}

	@Test
	void refusesATextFileRenamedPngWithAMessageAndStoresNothing() {
		byte[] text = ("notes for the drop " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		editor();

		Page refused = upload("hero", Map.of("headline", "Sneaky", "altText", "Not an image"),
				new FilePart("image", "notes.png", "image/png", text));

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"hero-image-error\"")
			.contains("That file is not a JPEG, PNG or GIF image")
			.contains("aria-describedby=\"hero-image-hint hero-image-error\"");
		assertThat(this.media.exists(new MediaId(sha256(text)))).isFalse();
		assertThat(blocks()).isEmpty();
	}

	@Test
	void refusesAPolyglotThatOnlyStartsLikeAnImage() {
		byte[] png = TestImages.png(43);
		byte[] polyglot = new byte[60];
		System.arraycopy(png, 0, polyglot, 0, 40);
		byte[] script = "<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(script, 0, polyglot, 35, script.length);
		editor();

		Page refused = upload("showcase", Map.of("altText", "A keyboard", "caption", "@clack"),
				new FilePart("image", "fan.png", "image/png", polyglot));

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("That image could not be read");
		assertThat(this.media.exists(new MediaId(sha256(polyglot)))).isFalse();
		assertThat(blocks()).isEmpty();
	}

	@Test
	void refusesAnOversizedUploadWithAMessageAndStoresNothing() {
		byte[] big = new byte[5 * 1024 * 1024 + 10_000];
		System.arraycopy(TestImages.png(44), 0, big, 0, 100);
		editor();

		Page refused = upload("hero", Map.of("headline", "Too big", "altText", "Huge"),
				new FilePart("image", "big.png", "image/png", big));

		assertThat(refused.status()).isEqualTo(302);
		assertThat(this.browser.follow(refused).body()).contains("The image is too large");
		assertThat(this.media.exists(new MediaId(sha256(big)))).isFalse();
		assertThat(blocks()).isEmpty();
	}

	@Test
	void asksForAltTextAndAnImageBeforeStoringAnything() {
		byte[] png = TestImages.png(45);
		editor();

		Page refused = upload("hero", Map.of("headline", "", "altText", " "),
				new FilePart("image", "hero.png", "image/png", png));

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"hero-altText-error\"")
			.contains("alt text is required")
			.contains("id=\"hero-headline-error\"");
		assertThat(this.media.exists(new MediaId(sha256(png)))).isFalse();

		Page noImage = upload("gallery", Map.of("altText", "Something"),
				new FilePart("image", "", "application/octet-stream", new byte[0]));
		assertThat(noImage.body()).contains("Please choose an image to upload.");
		assertThat(blocks()).isEmpty();
	}

	@Test
	void acceptsAnUploadWithTheCsrfTokenInTheBodyOnlyAndRefusesOneWithout() {
		editor();

		Page withBodyToken = this.browser.postMultipart("/admin/skus/" + this.slug + "/story/gallery",
				Map.of("altText", "Body token"), new FilePart("image", "a.png", "image/png", TestImages.png(46)));
		Page withoutToken = this.browser.postMultipartRaw("/admin/skus/" + this.slug + "/story/gallery",
				Map.of("altText", "No token"), new FilePart("image", "b.png", "image/png", TestImages.png(47)));

		assertThat(withBodyToken.status()).isEqualTo(302);
		assertThat(withoutToken.status()).isEqualTo(403);
		assertThat(blocks()).hasSize(1);
		assertThat(this.media.exists(new MediaId(sha256(TestImages.png(47))))).isFalse();
	}

	@Test
	void keepsScriptsAndJavascriptLinksOutOfThePreview() {
		editor();
		Page added = this.browser.post("/admin/skus/" + this.slug + "/story/text", Map.of("text", """
				Hello <script>alert('owned')</script> fans.

				<img src=x onerror="alert(1)">

				[click me](javascript:alert(2)) or <a href="javascript:alert(3)">this</a>

				**Cast** in [Porto](https://example.com/porto)."""));
		assertThat(added.status()).isEqualTo(302);

		Page preview = this.browser.get("/admin/skus/" + this.slug + "/preview");

		assertThat(preview.status()).isEqualTo(200);
		String story = preview.body().substring(preview.body().indexOf("<article class=\"story\""));
		assertThat(story).doesNotContain("<script")
			.doesNotContain("<img src=\"x\"")
			.doesNotContainIgnoringCase("onerror=")
			.doesNotContainIgnoringCase("href=\"javascript:")
			.contains("&lt;script&gt;")
			.contains("<strong>Cast</strong>")
			.containsPattern(
					"<a href=\"https://example.com/porto\" rel=\"(nofollow noopener|noopener nofollow)\">Porto</a>")
			.contains("<p>click me or ");
		assertThat(preview.body()).contains("Made by Ana Ferreira");
	}

	@Test
	void addsInterviewAndSpecsAndMovesAndRemovesBlocks() {
		editor();
		Map<String, String> interview = new LinkedHashMap<>();
		this.browser.post("/admin/skus/" + this.slug + "/story/text", Map.of("text", "first"));
		interview.put("questions", "Why brass?");
		interview.put("answers", "It *ages* well.");
		assertThat(this.browser.post("/admin/skus/" + this.slug + "/story/interview", interview).status())
			.isEqualTo(302);
		assertThat(this.browser
			.post("/admin/skus/" + this.slug + "/story/specs", Map.of("labels", "Material", "values", "Brass"))
			.status()).isEqualTo(302);
		assertThat(blocks()).extracting(StoryBlock::kind)
			.containsExactly(StoryBlockKind.TEXT, StoryBlockKind.INTERVIEW, StoryBlockKind.SPECS);

		StoryBlock specs = blocks().get(2);
		this.browser.get("/admin/skus/" + this.slug + "/story");
		assertThat(this.browser.post("/admin/skus/" + this.slug + "/story/" + specs.id() + "/up", Map.of()).status())
			.isEqualTo(302);
		assertThat(blocks()).extracting(StoryBlock::kind)
			.containsExactly(StoryBlockKind.TEXT, StoryBlockKind.SPECS, StoryBlockKind.INTERVIEW);
		this.browser.post("/admin/skus/" + this.slug + "/story/" + blocks().get(0).id() + "/down", Map.of());
		assertThat(blocks()).extracting(StoryBlock::kind)
			.containsExactly(StoryBlockKind.SPECS, StoryBlockKind.TEXT, StoryBlockKind.INTERVIEW);
		this.browser.post("/admin/skus/" + this.slug + "/story/" + specs.id() + "/remove", Map.of());
		assertThat(blocks()).extracting(StoryBlock::kind)
			.containsExactly(StoryBlockKind.TEXT, StoryBlockKind.INTERVIEW);

		String preview = this.browser.get("/admin/skus/" + this.slug + "/preview").body();
		assertThat(preview).contains("In conversation with Ana Ferreira").contains("<em>ages</em>");
	}

	@Test
	void showsTheInterviewRuleWhenAnAnswerIsMissing() {
		editor();

		Page refused = this.browser.post("/admin/skus/" + this.slug + "/story/interview",
				Map.of("questions", "Why brass?", "answers", ""));

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"interview-answers-error\"")
			.contains("Each question needs its answer.");
		assertThat(blocks()).isEmpty();
	}

	@Test
	void addsAPhotoToAnExistingShowcaseAndAsksForItsCredit() {
		editor();
		upload("showcase", Map.of("altText", "A keyboard", "caption", "@clack"),
				new FilePart("image", "a.png", "image/png", TestImages.png(48)));
		StoryBlock showcase = blocks().get(0);
		this.browser.get("/admin/skus/" + this.slug + "/story");

		Page refused = upload(showcase.id() + "/photos", Map.of("altText", "Another keyboard", "caption", ""),
				new FilePart("image", "b.png", "image/png", TestImages.png(49)));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("Please credit the fan who took the photo.");

		Page added = upload(showcase.id() + "/photos", Map.of("altText", "Another keyboard", "caption", "@tick"),
				new FilePart("image", "b.png", "image/png", TestImages.png(49)));
		assertThat(added.status()).isEqualTo(302);
		assertThat(((StoryBlockContent.Showcase) blocks().get(0).content()).photos()).hasSize(2);
	}

	@Test
	void explainsThatABlockRemovedMeanwhileIsGone() {
		StoryBlock block = this.catalog.addText(this.slug, "soon gone");
		this.catalog.removeStoryBlock(this.slug, block.id());
		editor();

		Page refused = this.browser.post("/admin/skus/" + this.slug + "/story/" + block.id() + "/up", Map.of());

		assertThat(refused.status()).isEqualTo(302);
		assertThat(this.browser.follow(refused).body()).contains("no longer part of this story");
	}

	private Page editor() {
		Page editor = this.browser.get("/admin/skus/" + this.slug + "/story");
		assertThat(editor.status()).isEqualTo(200);
		return editor;
	}

	/** Posts an upload form as the page does: multipart, the CSRF token in the body. */
	private Page upload(String action, Map<String, String> fields, FilePart file) {
		return this.browser.postMultipart("/admin/skus/" + this.slug + "/story/" + action, fields, file);
	}

	private List<StoryBlock> blocks() {
		return this.catalog.story(this.slug).blocks();
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
