package io.microdrops.hooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Hooks against a receiver on loopback: a scheduled drop's announcement and a placed
 * order reach it signed (the signature checked here as a receiver would), a receiver that
 * fails first gets the delivery again later, and a Discord channel gets an embed.
 */
@SpringBootTest(properties = { "drops.hooks.allow-private-targets=true", "drops.hooks.retry-delay=PT1S",
		"drops.hooks.send-interval=PT1H" })
@AutoConfigureMockMvc
class HookDeliveryIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	HookOutbox outbox;

	@Autowired
	HookSender sender;

	@Autowired
	HookPayloads payloads;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	private HttpServer receiver;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	/** Answer each delivery's first attempt with 500. */
	private volatile boolean failFirstAttempts;

	/** Answer every request with 500. */
	private volatile boolean failAlways;

	private final Set<String> seenDeliveries = ConcurrentHashMap.newKeySet();

	private Community community;

	private String suffix;

	record Received(Map<String, List<String>> headers, String body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.map(entry -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	@BeforeEach
	void receiverOnLoopback() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.receiver.createContext("/hook", exchange -> {
			this.received.add(new Received(Map.copyOf(exchange.getRequestHeaders()),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			boolean first = this.seenDeliveries
				.add(String.valueOf(exchange.getRequestHeaders().getFirst("Drops-Delivery")));
			boolean fail = this.failAlways || (this.failFirstAttempts && first);
			byte[] answer = (fail ? "receiver down" : "thanks").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.receiver.start();
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
		this.community = this.communities.create("hooks-" + this.suffix,
				new CommunityDetails("Hook Club " + this.suffix, "Hooks.", null, null, 500, ZoneId.of("UTC"), 0, 31));
		TestAccounts.ensure(this.accounts);
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop(0);
	}

	private String receiverUrl() {
		return "http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/hook";
	}

	private String liveDrop(Instant now) {
		var sku = this.catalog.create("hooks-sku-" + this.suffix,
				new SkuDetails("Brass Keycap Set", Money.of(2400, "GBP"), 200, null, null));
		String slug = "hooks-drop-" + this.suffix;
		this.drops
			.createDraft(slug,
					new DropPlan("March drop", this.community.id(), AccessMode.FIRST_COME,
							new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofMinutes(1)),
									now.plus(Duration.ofDays(1))),
							10, null, List.of(new NewDropItem(sku.id(), 200, 2))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	private long deliveries(String type, String status) {
		return this.jdbc.queryForObject("""
				select count(*) from webhook_deliveries d join community_webhooks w on w.id = d.webhook_id
				where w.community_id = ? and d.event_type = ? and d.status = ?
				""", Long.class, this.community.id().value(), type, status);
	}

	private void deliverUntil(String type, String status) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
			this.sender.sendDue();
			return deliveries(type, status) == 1;
		});
	}

	@Test
	void aScheduledDropsAnnouncementReachesTheReceiverSignedAfterTheReceiverFailedOnce() throws Exception {
		Webhook hook = this.outbox.add(this.community.id().value(), receiverUrl(), HookOutbox.newSecret());
		this.failFirstAttempts = true;
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String slug = liveDrop(now);

		deliverUntil(HookEvents.ANNOUNCED, "DELIVERED");

		List<Received> announcements = this.received.stream()
			.filter(request -> HookEvents.ANNOUNCED.equals(request.header("Drops-Event")))
			.toList();
		assertThat(announcements).hasSize(2);
		assertThat(announcements.get(0).header("Drops-Delivery"))
			.isEqualTo(announcements.get(1).header("Drops-Delivery"));
		for (Received request : announcements) {
			assertSignedWith(hook.secret(), request);
		}
		JsonNode body = JSON.readTree(announcements.get(1).body());
		assertThat(body.get("type").asString()).isEqualTo("drop.announced");
		assertThat(body.get("drop").get("slug").asString()).isEqualTo(slug);
		assertThat(body.get("drop").get("title").asString()).isEqualTo("March drop");
		assertThat(body.get("community").get("name").asString()).isEqualTo("Hook Club " + this.suffix);
		Map<String, Object> row = this.jdbc.queryForMap("""
				select d.attempts, d.response_status, d.response_body from webhook_deliveries d
				where d.webhook_id = ? and d.event_type = 'drop.announced'
				""", hook.id());
		String admin = this.mvc
			.perform(get("/admin/communities/" + this.community.slug() + "/hooks")
				.with(user(this.users.loadUserByUsername(TestAccounts.MERCHANDISER))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(admin).contains(receiverUrl())
			.contains("Signed JSON")
			.contains(hook.maskedSecret())
			.doesNotContain(hook.secret())
			.contains("drop.announced")
			.contains("Delivered")
			.contains("thanks");
		assertThat(row).containsEntry("attempts", 2)
			.containsEntry("response_status", 200)
			.containsEntry("response_body", "thanks");
	}

	@Test
	void aPlacedOrderReachesTheReceiverWithoutTheFansDetails() throws Exception {
		Webhook hook = this.outbox.add(this.community.id().value(), receiverUrl(), "a secret of my own, long enough");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String slug = liveDrop(now);
		AccountId fan = this.accounts.findCredentials(TestAccounts.FAN).orElseThrow().id();
		var hold = this.checkout.reserve(new ReserveRequest(slug, "hooks-sku-" + this.suffix, 1, fan, null));
		Order order = this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242",
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "2 Groove St, Leeds")));

		deliverUntil(HookEvents.ORDER_PLACED, "DELIVERED");

		Received request = this.received.stream()
			.filter(received -> HookEvents.ORDER_PLACED.equals(received.header("Drops-Event")))
			.findFirst()
			.orElseThrow();
		assertSignedWith(hook.secret(), request);
		JsonNode body = JSON.readTree(request.body());
		assertThat(body.get("order").get("number").asString()).isEqualTo(order.number());
		assertThat(body.get("order").get("editions").get(0).asInt()).isEqualTo(order.editions().get(0));
		assertThat(body.get("order").get("total").asString()).isEqualTo("24.00");
		assertThat(request.body()).doesNotContain(TestAccounts.FAN).doesNotContain("Groove");

		// Ops cancel it: receivers hear that the order no longer stands.
		assertThat(this.orders.takeBackCancelled(order.id())).isTrue();
		deliverUntil(HookEvents.ORDER_RETURNED, "DELIVERED");
		JsonNode returned = JSON.readTree(this.received.stream()
			.filter(received -> HookEvents.ORDER_RETURNED.equals(received.header("Drops-Event")))
			.findFirst()
			.orElseThrow()
			.body());
		assertThat(returned.get("order").get("number").asString()).isEqualTo(order.number());
		assertThat(returned.get("order").get("returned").asString()).isEqualTo("cancelled");
	}

	@Test
	void aReceiverThatKeepsFailingIsTriedWithGrowingWaitsUntilTheLastAttempt() {
		assertThat(this.sender.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.sender.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.sender.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
		assertThat(this.sender.delayAfter(30)).isEqualTo(HookSender.LONGEST_DELAY);

		this.outbox.add(this.community.id().value(), receiverUrl(), HookOutbox.newSecret());
		this.failAlways = true;
		liveDrop(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(HookEvents.ANNOUNCED, "PENDING") == 1);
		// Each failed attempt is due again later; moving the wait forward stands in for
		// time passing.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			this.jdbc.update("""
					update webhook_deliveries set next_attempt_at = now() where status = 'PENDING'
					and webhook_id in (select id from community_webhooks where community_id = ?)""",
					this.community.id().value());
			this.sender.sendDue();
			return deliveries(HookEvents.ANNOUNCED, "FAILED") == 1;
		});
		assertThat(this.received.stream().filter(r -> HookEvents.ANNOUNCED.equals(r.header("Drops-Event"))).count())
			.isEqualTo(HookSender.MAX_ATTEMPTS);
	}

	@Test
	void aDiscordChannelGetsAnEmbedWithTitlePictureTimesAndLink() throws Exception {
		Instant opens = Instant.parse("2026-12-17T18:00:00Z");
		var drop = new HookEvent.DropFacts(UUID.randomUUID(), "winter-run", "Brass keycaps — winter run",
				this.community.id().value(), "keycaps", "Keycap Collectors", opens.minus(Duration.ofDays(7)),
				opens.minus(Duration.ofMinutes(30)), opens, opens.plus(Duration.ofDays(2)), true, "hero-key.jpg");
		JsonNode body = JSON.readTree(this.payloads.discord(HookEvent.ofDrop(HookEvents.LIVE, drop, opens, null)));

		assertThat(HookPayloads.isDiscord("https://discord.com/api/webhooks/123/abc")).isTrue();
		assertThat(HookPayloads.isDiscord("https://discordapp.com/api/webhooks/123/abc")).isTrue();
		assertThat(HookPayloads.isDiscord("http://discord.com/api/webhooks/123/abc")).isFalse();
		assertThat(HookPayloads.isDiscord("https://discord.com.evil.example/api/webhooks/1/a")).isFalse();
		assertThat(HookPayloads.isDiscord("https://example.com/api/webhooks/1/a")).isFalse();
		JsonNode embed = body.get("embeds").get(0);
		assertThat(embed.get("title").asString()).isEqualTo("Brass keycaps — winter run");
		assertThat(embed.get("url").asString()).endsWith("/drops/winter-run");
		assertThat(embed.get("image").get("url").asString()).endsWith("/media/hero-key.jpg");
		assertThat(embed.get("timestamp").asString()).isEqualTo("2026-12-17T18:00:00Z");
		assertThat(embed.get("fields")).extracting(field -> field.get("name").asString())
			.containsExactly("Early access", "Opens", "Closes");
		assertThat(embed.get("fields").get(1).get("value").asString())
			.isEqualTo("<t:" + opens.getEpochSecond() + ":F>");
		assertThat(body.get("allowed_mentions").get("parse")).isEmpty();
	}

	@Test
	void aDiscordHookGetsDropEventsButNoOrders() {
		this.outbox.add(this.community.id().value(), "https://discord.com/api/webhooks/1/token", "x".repeat(20));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		var drop = new HookEvent.DropFacts(UUID.randomUUID(), "d", "Drop", this.community.id().value(), "c", "C", now,
				null, now, now.plusSeconds(60), true, null);
		assertThat(this.outbox.enqueue(HookEvent.ofDrop(HookEvents.LIVE, drop, now, null))).isOne();
		assertThat(this.outbox.enqueue(new HookEvent(HookEvents.ORDER_PLACED, "order.placed:x", now, null, drop,
				new HookEvent.OrderFacts(UUID.randomUUID(), "D-1", "Drop", List.of(1), 100, "GBP", null))))
			.isZero();
		assertThat(this.outbox.enqueue(HookEvent.ofDrop(HookEvents.LIVE, drop, now, null))).as("once per event")
			.isZero();
	}

	private static void assertSignedWith(String secret, Received request) {
		String header = request.header("Drops-Signature");
		assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
		String timestamp = header.substring(2, header.indexOf(','));
		String signature = header.substring(header.indexOf("v1=") + 3);
		assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
		// Computed here independently of the sender's code, as a receiver would.
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String expected = java.util.HexFormat.of()
				.formatHex(mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
			assertThat(java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
					signature.getBytes(StandardCharsets.US_ASCII)))
				.isTrue();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new AssertionError(ex);
		}
	}

}
