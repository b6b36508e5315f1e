package io.microdrops.storefront.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.microdrops.account.AccountDeletion;
import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.account.LastAdminException;
import io.microdrops.account.Role;
import io.microdrops.analytics.Engagements;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityManagement;
import io.microdrops.draw.DrawManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.drop.Timeline;
import io.microdrops.preorder.PlacePreorder;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.recognition.Recognition;
import io.microdrops.waitlist.WaitlistManagement;
import io.microdrops.web.TestDrops;
import io.microdrops.web.TestPreorders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A fan deletes their account: what names them is erased, their orders stay for the books
 * without name, address or e-mail (and still count in the figures), holds and pending
 * pre-orders end, and a hold taken at the same moment never outlives the account. Every
 * table with an {@code account_id} column must be handled, or the first test fails.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccountDeletionIntegrationTests {

	static final String PASSWORD = "erasure test password";

	/** Rows naming the account must be gone from these. */
	static final Set<String> ERASED = Set.of("account_roles", "email_confirmations", "password_resets", "email_changes",
			"recovery_codes", "api_tokens", "staff_invitations", "community_members", "waitlist_entries",
			"sku_notify_requests", "draw_entries", "collector_profiles", "mail_outbox", "drop_live_mails",
			"checkout_idempotency", "waiting_room_entries");

	/**
	 * Rows stay (for the books, or as figures keyed by an id that names nobody once the
	 * account is a tombstone); the columns listed must be empty.
	 */
	static final Map<String, List<String>> KEPT = Map.ofEntries(Map.entry("orders", List.of("fulfilment_address")),
			Map.entry("fulfilment_orders", List.of("address", "postcode")),
			Map.entry("preorders", List.of("fulfilment_address")), Map.entry("reservations", List.of()),
			Map.entry("fan_allowances", List.of()), Map.entry("draw_offers", List.of()),
			Map.entry("analytics_orders", List.of()), Map.entry("analytics_reservations", List.of()),
			Map.entry("analytics_story_views", List.of()), Map.entry("analytics_fan_drops", List.of()),
			Map.entry("analytics_fan_communities", List.of()), Map.entry("early_access_codes", List.of()),
			Map.entry("follow_ups", List.of()), Map.entry("second_chance_offers", List.of()));

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	AccountDeletion deletion;

	@Autowired
	UserDetailsService users;

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
	PreorderManagement preorders;

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	DrawManagement draws;

	@Autowired
	Recognition recognition;

	@Autowired
	ApiTokenManagement tokens;

	@Autowired
	Engagements engagements;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void deletingErasesOrAnonymisesEveryTableThatNamesTheAccount() {
		String email = TestDrops.unique("erin") + "@example.com";
		String name = "Erin " + UUID.randomUUID();
		String street = UUID.randomUUID() + " Erasure Lane, Leeds";
		AccountId fan = fan(email, name);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String live = liveDrop(now);
		DropView view = this.drops.view(live);
		String sku = view.items().getFirst().sku().slug();
		this.communities.join(view.communitySlug(), fan);
		this.waitlists.notifyMe(sku, fan);
		Order order = buy(fan, live, sku, new Fulfilment(Fulfilment.Method.SHIPPING, null, street));
		Reservation held = this.checkout.reserve(new ReserveRequest(live, sku, 1, fan, TestDrops.unique("held")));
		String waitlisted = TestDrops.drop(this.communities, this.catalog, this.drops, "Waitlisted",
				AccessMode.WAITLIST_ONLY, TestDrops.upcoming(now, null, now.plus(Duration.ofDays(1))), true);
		this.waitlists.join(waitlisted, fan);
		String draw = TestDrops.drop(this.communities, this.catalog, this.drops, "Draw", AccessMode.DRAW,
				TestDrops.upcoming(now, null, now.plus(Duration.ofDays(1))), true);
		this.draws.enter(draw, fan);
		this.recognition.saveProfile(fan, new Recognition.CollectorProfile(TestDrops.unique("erin"), true));
		this.tokens.issue(fan, "erasure");
		String preorderDrop = TestPreorders.drop(this.communities, this.catalog, this.drops,
				TestPreorders.community(this.communities), TestPreorders.timeline(now), TestPreorders.deadline(now), 10,
				2, 5);
		this.preorders.place(new PlacePreorder(preorderDrop, "sku-" + preorderDrop, 1, fan, TestPreorders.GOOD_CARD,
				new Fulfilment(Fulfilment.Method.SHIPPING, null, street)));
		this.jdbc.update("""
				insert into mail_outbox (id, recipient, account_id, template, subject, text_body, html_body, marketing,
				                         next_attempt_at, created_at)
				values (gen_random_uuid(), ?, ?, 'test', 'Hello', ?, ?, false, now(), now())
				""", email, fan.value(), "Dear " + name, "<p>Dear " + name + "</p>");

		String completedNamingFan = "select id from event_publication where completion_date is not null "
				+ "and serialized_event like '%" + fan.value() + "%'";
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> !this.jdbc.queryForList(completedNamingFan, UUID.class).isEmpty());
		List<UUID> completedBefore = this.jdbc.queryForList(completedNamingFan, UUID.class);

		String tombstone = this.deletion.delete(fan, PASSWORD, null);

		// The event log's completed publications about the account go with it; those its
		// deletion itself causes name only the account's id.
		assertThat(this.jdbc.queryForList("select id from event_publication", UUID.class))
			.as("completed event publications naming the account")
			.doesNotContainAnyElementsOf(completedBefore);
		for (String needle : List.of(email, name, street)) {
			assertThat(count("select count(*) from event_publication where completion_date is not null "
					+ "and strpos(serialized_event, ?) > 0", needle))
				.as("completed event publications holding %s", needle)
				.isZero();
		}
		Set<String> unhandled = new TreeSet<>();
		for (String table : tablesWithAccountId()) {
			long rows = count("select count(*) from " + table + " where account_id = ?", fan.value());
			if (ERASED.contains(table)) {
				assertThat(rows)
					.as("rows of %s naming the deleted account: %s", table,
							this.jdbc.queryForList("select * from " + table + " where account_id = ?", fan.value()))
					.isZero();
			}
			else if (KEPT.containsKey(table)) {
				for (String column : KEPT.get(table)) {
					assertThat(count(
							"select count(*) from " + table + " where account_id = ? and " + column + " is not null",
							fan.value()))
						.as("%s.%s of the deleted account", table, column)
						.isZero();
				}
			}
			else {
				unhandled.add(table);
			}
		}
		assertThat(unhandled).as("tables with account_id that account deletion does not handle").isEmpty();
		// Whatever the column's name: no text anywhere still holds the address, the name
		// or the street (the event log's unfinished publications aside, which their
		// listeners finish without personal data).
		for (String needle : List.of(email, name, street)) {
			assertThat(textColumnsHolding(needle)).as("columns still holding %s", needle).isEmpty();
		}
		assertThat(this.jdbc.queryForMap("select email, display_name, enabled, deleted_at from accounts where id = ?",
				fan.value()))
			.containsEntry("email", tombstone)
			.containsEntry("display_name", AccountDeletion.DELETED_NAME)
			.containsEntry("enabled", false);
		assertThat(count("select count(*) from reservations where id = ? and status = 'RELEASED'", held.id())).isOne();
		assertThat(count("select count(*) from preorders where account_id = ? and status = 'CANCELLED'", fan.value()))
			.isOne();
		assertThat(
				this.jdbc.queryForMap("select total_minor, editions, created_at from orders where id = ?", order.id()))
			.containsEntry("total_minor", order.totalMinor());
		assertThat(
				count("select count(*) from account_audit where action = 'ACCOUNT_DELETED' and subject = ?", tombstone))
			.isOne();
		assertThat(this.accounts.findCredentials(email)).isEmpty();
	}

	@Test
	void ordersOfADeletedAccountStillCountInTheFigures() {
		AccountId fan = fan(TestDrops.unique("figures") + "@example.com", "Figures Fan");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String live = liveDrop(now);
		DropView view = this.drops.view(live);
		Order order = buy(fan, live, view.items().getFirst().sku().slug(),
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Count Street"));
		Map<String, Object> before = totals(view);

		this.deletion.delete(fan, PASSWORD, null);
		this.engagements.orderPlaced(order.id());

		assertThat(totals(view)).isEqualTo(before).containsEntry("orders", 1).containsEntry("revenue_minor", 2450L);
	}

	@Test
	void aHoldTakenWhileTheAccountIsDeletedDoesNotOutliveIt() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String live = liveDrop(now);
		String sku = this.drops.view(live).items().getFirst().sku().slug();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 6; round++) {
				AccountId fan = fan(TestDrops.unique("race") + "@example.com", "Racing Fan");
				CountDownLatch start = new CountDownLatch(1);
				Future<?> deleting = pool.submit(() -> {
					start.await();
					return this.deletion.delete(fan, PASSWORD, null);
				});
				Future<Object> reserving = pool.submit(() -> {
					start.await();
					try {
						return this.checkout.reserve(new ReserveRequest(live, sku, 1, fan, null));
					}
					catch (CheckoutRefusedException ex) {
						return ex.reason();
					}
				});
				start.countDown();
				deleting.get();
				Object outcome = reserving.get();
				assertThat(outcome).satisfiesAnyOf(held -> assertThat(held).isInstanceOf(Reservation.class),
						refused -> assertThat(refused).isEqualTo(CheckoutRefusedException.Reason.ACCOUNT_DELETED));
				assertThat(count("select count(*) from reservations where account_id = ? and status = 'HELD'",
						fan.value()))
					.as("holds of the deleted account in round %d", round)
					.isZero();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void theLastActiveAdminCannotDeleteTheirAccount() {
		AccountId admin = account(TestDrops.unique("last-admin") + "@example.com", "Last Admin", Role.ADMIN);
		new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
			// Only here, rolled back: every other admin deactivated.
			this.jdbc.update("""
					update accounts set enabled = false
					where id <> ? and id in (select account_id from account_roles where role = 'ADMIN')
					""", admin.value());
			assertThatThrownBy(() -> this.deletion.delete(admin, PASSWORD, null))
				.isInstanceOf(LastAdminException.class);
			status.setRollbackOnly();
		});
		assertThat(this.deletion.isDeleted(admin)).isFalse();
	}

	@Test
	void aFanDeletesTheirAccountFromTheAccountPageAndCanSignUpAgainWithTheSameAddress() throws Exception {
		String email = TestDrops.unique("page") + "@example.com";
		fan(email, "Page Fan");
		var signedIn = user(this.users.loadUserByUsername(email));

		this.mvc.perform(get("/account").with(signedIn))
			.andExpect(content().string(containsString("href=\"/account/delete\"")));
		this.mvc.perform(get("/account/delete").with(signedIn))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("cannot be undone")))
			.andExpect(content().string(containsString("without your name, address or e-mail")));
		this.mvc
			.perform(post("/account/delete").with(signedIn)
				.with(csrf())
				.param("currentPassword", "not the password")
				.param("understood", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("aria-describedby=\"currentPassword-error\"")));
		this.mvc.perform(post("/account/delete").with(signedIn).with(csrf()).param("currentPassword", PASSWORD))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Tick the box")));
		assertThat(this.accounts.findCredentials(email)).isPresent();

		this.mvc
			.perform(post("/account/delete").with(signedIn)
				.with(csrf())
				.param("currentPassword", PASSWORD)
				.param("understood", "true"))
			.andExpect(redirectedUrl("/login"))
			.andExpect(flash().attribute("message", "accountdata.deleted"));

		this.mvc.perform(formLogin().user(email).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
		AccountId again = this.accounts
			.signUpFan(new AccountManagement.SignUp(email, "Page Fan again", "a new long password 123"));
		assertThat(this.deletion.isDeleted(again)).isFalse();
	}

	private AccountId fan(String email, String name) {
		return account(email, name, Role.FAN);
	}

	private AccountId account(String email, String name, Role role) {
		this.accounts.createIfAbsent(email, name, PASSWORD, Set.of(role));
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

	private String liveDrop(Instant now) {
		return TestDrops.drop(this.communities, this.catalog, this.drops, "Erasure", AccessMode.FIRST_COME,
				new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofHours(1)),
						now.plus(Duration.ofDays(1))),
				true);
	}

	private Order buy(AccountId fan, String drop, String sku, Fulfilment choice) {
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, sku, 1, fan, null));
		Order order = this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242", choice));
		// What the analytics listener does after the commit, done here so the figures are
		// there before the deletion; it is idempotent. The fulfilment order may come
		// before
		// or after the deletion: either way it ends without the address.
		this.engagements.orderPlaced(order.id());
		return order;
	}

	private Map<String, Object> totals(DropView view) {
		return this.jdbc.queryForMap("select orders, units, revenue_minor from analytics_drop_totals where drop_id = ?",
				view.drop().id().value());
	}

	private List<String> tablesWithAccountId() {
		return this.jdbc.queryForList("""
				select table_name from information_schema.columns
				where table_schema = current_schema() and column_name = 'account_id' order by table_name
				""", String.class);
	}

	private List<String> textColumnsHolding(String needle) {
		List<String> found = new ArrayList<>();
		for (Map<String, Object> column : this.jdbc.queryForList("""
				select c.table_name, c.column_name from information_schema.columns c
				join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
				  and c.data_type in ('text', 'character varying') and c.table_name <> 'event_publication'
				""")) {
			String table = (String) column.get("table_name");
			String name = (String) column.get("column_name");
			if (count("select count(*) from " + table + " where strpos(" + name + ", ?) > 0", needle) > 0) {
				found.add(table + "." + name);
			}
		}
		return found;
	}

	private long count(String sql, Object... args) {
		Long count = this.jdbc.queryForObject(sql, Long.class, args);
		return (count != null) ? count : 0;
	}

}
