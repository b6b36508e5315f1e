package io.microdrops.notification;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.draw.DrawManagement;
import io.microdrops.draw.DrawSettings;
import io.microdrops.draw.PublishedDraw;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.TestBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A draw from the fan's side: entries on the draw page, the published draw recomputed by
 * the shipped script ({@code scripts/verify-draw.py}) from the public JSON, the mail to
 * winners and to everyone else, and the mail to the next fan when a unit passes on.
 */
class DrawMailsIntegrationTests extends MovableClockMailIntegrationTest {

	@Autowired
	DrawManagement draws;

	@Autowired
	DropManagement drops;

	@Autowired
	Checkout checkout;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@TempDir
	Path temp;

	@Test
	void theShippedScriptRecomputesTheWinnersFromThePublishedDrawAndEveryEntrantHearsHowItWent() throws Exception {
		Instant now = this.clock.instant();
		String drop = drawDrop(now, 2, 60);
		List<String> emails = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String email = unique("draw-fan");
			confirmedFan(email);
			emails.add(email);
			TestBrowser fan = browser();
			fan.signIn(email, "pre-order mail password");
			assertThat(fan.get("/drops/" + drop + "/draw").body()).contains("Enter the draw");
			TestBrowser.Page entered = fan.follow(fan.post("/drops/" + drop + "/draw/entry", java.util.Map.of()));
			assertThat(entered.body()).contains("You are in the draw");
		}
		TestBrowser visitor = browser();
		String commitment = this.draws.published(drop).commitment();
		assertThat(visitor.get("/drops/" + drop + "/draw").body()).contains(commitment).contains("5 fans entered");

		this.clock.set(opening(now));
		this.draws.runDue();

		TestBrowser.Page json = visitor.get("/api/v1/drops/" + drop + "/draw");
		assertThat(json.status()).isEqualTo(200);
		Path published = this.temp.resolve("draw.json");
		Files.writeString(published, json.body(), StandardCharsets.UTF_8);
		Script run = verify(published);

		PublishedDraw draw = this.draws.published(drop);
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("matches the seed").contains("VERIFIED");
		List<String> printed = run.output()
			.lines()
			.filter(line -> line.matches("\\s+\\d+\\. [0-9a-f]{64}"))
			.map(line -> line.substring(line.indexOf(". ") + 2))
			.toList();
		assertThat(printed).hasSize(2).isEqualTo(draw.items().getFirst().winners());

		List<String> winners = new ArrayList<>();
		for (String email : emails) {
			StoredMail mail = await().atMost(Duration.ofSeconds(15))
				.until(() -> first(newestMailTo(email, DrawMails.WON), newestMailTo(email, DrawMails.NOT_WON)),
						found -> found != null);
			if (mail.template().equals(DrawMails.WON)) {
				winners.add(email);
				assertThat(mail.subject()).isEqualTo("You were drawn for Draw drop " + drop);
				assertThat(mail.textBody()).contains("is held for you until").contains("/checkout/");
			}
			else {
				assertThat(mail.textBody()).contains("of 5 in the draw").contains("/drops/" + drop + "/draw");
			}
		}
		assertThat(winners).hasSize(2);

		// Published winners that do not follow from the seed and entries fail the check.
		String winnersList = "\"winners\":[\"" + draw.items().getFirst().winners().getFirst();
		assertThat(json.body()).contains(winnersList);
		Files.writeString(published, json.body().replace(winnersList, "\"winners\":[\"" + "0".repeat(64)),
				StandardCharsets.UTF_8);
		Script tampered = verify(published);
		assertThat(tampered.output()).contains("published winners DISAGREE").contains("MISMATCH");
		assertThat(tampered.exitCode()).isEqualTo(1);
	}

	@Test
	void mailsTheNextDrawnFanWhenAWinnerDoesNotBuyInTime() {
		Instant now = this.clock.instant();
		String drop = drawDrop(now, 1, 30);
		List<String> emails = new ArrayList<>();
		List<AccountId> fans = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			String email = unique("draw-next");
			fans.add(confirmedFan(email));
			emails.add(email);
			this.draws.enter(drop, fans.getLast());
		}
		this.clock.set(opening(now));
		this.draws.runDue();
		int second = (this.draws.entryOf(drop, fans.get(0)).orElseThrow().place() == 2) ? 0 : 1;

		this.clock.set(opening(now).plus(Duration.ofMinutes(31)));
		this.checkout.releaseExpired(1000);
		this.draws.passOnUnclaimed();

		StoredMail passed = await().atMost(Duration.ofSeconds(15))
			.until(() -> newestMailTo(emails.get(second), DrawMails.WON), found -> found != null);
		assertThat(passed.textBody()).contains("passed on to you").contains("place 2");
	}

	@Test
	void aMerchandiserSetsTheWeightsAndWindowBeforeEntriesOpenAndFansSeeThemInTheRules() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String slug = named("draw-rules");
		var community = this.communities.create(named("draw-rules-community"),
				new CommunityDetails("Draw rules", "Draw rules tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Brass keycap", Money.of(2450, "EUR"), 3, null, null));
		this.drops.createDraft(slug, new DropPlan(
				"Draw rules " + slug, community.id(), AccessMode.DRAW, new Timeline(now.plus(Duration.ofHours(1)), null,
						now.plus(Duration.ofHours(2)), now.plus(Duration.ofDays(3))),
				10, null, List.of(new NewDropItem(sku.id(), 3, 1))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		TestBrowser merchandiser = browser();
		merchandiser.signIn(io.microdrops.web.TestAccounts.MERCHANDISER, io.microdrops.web.TestAccounts.PASSWORD);
		assertThat(merchandiser.get("/admin/drops/" + slug + "/draw").body()).contains("Draw rules of");

		TestBrowser.Page refused = merchandiser.post("/admin/drops/" + slug + "/draw",
				java.util.Map.of("waitlistWeight", "11", "collectorWeight", "2", "purchaseWindowMinutes", "90"));
		assertThat(refused.body()).contains("A weight is 1 to 10 tickets.");
		TestBrowser.Page saved = merchandiser.post("/admin/drops/" + slug + "/draw",
				java.util.Map.of("waitlistWeight", "3", "collectorWeight", "2", "purchaseWindowMinutes", "90"));
		assertThat(saved.status()).isEqualTo(302);
		assertThat(this.draws.settings(slug)).isEqualTo(new DrawSettings(3, 2, 90));

		this.clock.set(now.plus(Duration.ofMinutes(61)));
		assertThat(browser().get("/drops/" + slug + "/draw").body()).contains("enter with 3 tickets")
			.contains("returning collectors (an earlier paid order) with 2")
			.contains("held for them for 90 minutes");
		// An hour idle ends a staff session: sign in again.
		merchandiser.signIn(io.microdrops.web.TestAccounts.MERCHANDISER, io.microdrops.web.TestAccounts.PASSWORD);
		merchandiser.get("/admin/drops/" + slug + "/draw");
		TestBrowser.Page tooLate = merchandiser.post("/admin/drops/" + slug + "/draw",
				java.util.Map.of("waitlistWeight", "1", "collectorWeight", "1", "purchaseWindowMinutes", "90"));
		assertThat(tooLate.body()).contains("fixed once entries open");
		assertThat(this.draws.settings(slug)).isEqualTo(new DrawSettings(3, 2, 90));
	}

	private static StoredMail first(StoredMail a, StoredMail b) {
		return (a != null) ? a : b;
	}

	private Script verify(Path json) throws Exception {
		Path script = Path.of("..", "scripts", "verify-draw.py").toAbsolutePath().normalize();
		Process process = new ProcessBuilder("python3", script.toString(), json.toString()).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Script(process.exitValue(), output);
	}

	private static Instant opening(Instant now) {
		return now.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1));
	}

	private String drawDrop(Instant now, int units, int windowMinutes) {
		var community = this.communities.create(named("draw-community"),
				new CommunityDetails("Draw mail", "Draw mail tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
		String slug = named("draw-drop");
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Brass keycap", Money.of(2450, "EUR"), units, null, null));
		Instant at = now.truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan("Draw drop " + slug, community.id(), AccessMode.DRAW,
						new Timeline(at.plus(Duration.ofMinutes(1)), null, opening(now), at.plus(Duration.ofDays(3))),
						10, null, List.of(new NewDropItem(sku.id(), units, 1))));
		this.draws.configure(slug, new DrawSettings(1, 1, windowMinutes));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		this.clock.set(at.plus(Duration.ofMinutes(2)));
		return slug;
	}

	private static String named(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private record Script(int exitCode, String output) {
	}

}
