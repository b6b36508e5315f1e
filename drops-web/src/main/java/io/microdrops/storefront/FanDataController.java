package io.microdrops.storefront;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.analytics.Engagements;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.draw.DrawManagement;
import io.microdrops.fulfilment.FulfilmentManagement;
import io.microdrops.notification.MailOutbox;
import io.microdrops.offer.EarlyAccessCodes;
import io.microdrops.offer.FollowUpManagement;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.recognition.Recognition;
import io.microdrops.secondchance.SecondChances;
import io.microdrops.waitingroom.WaitingRoom;
import io.microdrops.waitlist.WaitlistManagement;
import io.microdrops.web.SignedInUser;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "Download my data" under the fan's account: everything Drops holds about the signed-in
 * fan as one JSON file (account, communities, waitlists, "notify me" requests, draw
 * entries and offers, holds, orders with their fulfilment, pre-orders, collector profile,
 * API token metadata, mails kept for them and engagement events). Secrets never leave: no
 * password hash, no token value, no stored payment method. Which table feeds which part
 * is checked by a test against every table with an {@code account_id} column.
 */
@Controller
class FanDataController {

	private final AccountManagement accounts;

	private final CommunityManagement communities;

	private final WaitlistManagement waitlists;

	private final Checkout checkout;

	private final OrderManagement orders;

	private final PreorderManagement preorders;

	private final ApiTokenManagement tokens;

	private final Engagements engagements;

	private final DrawManagement draws;

	private final Recognition recognition;

	private final FulfilmentManagement fulfilment;

	private final MailOutbox mails;

	private final Clock clock;

	private final WaitingRoom waitingRooms;

	private final EarlyAccessCodes codes;

	private final FollowUpManagement followUps;

	private final SecondChances secondChances;

	FanDataController(AccountManagement accounts, CommunityManagement communities, WaitlistManagement waitlists,
			Checkout checkout, OrderManagement orders, PreorderManagement preorders, ApiTokenManagement tokens,
			Engagements engagements, DrawManagement draws, Recognition recognition, FulfilmentManagement fulfilment,
			MailOutbox mails, Clock clock, WaitingRoom waitingRooms, EarlyAccessCodes codes,
			FollowUpManagement followUps, SecondChances secondChances) {
		this.waitingRooms = waitingRooms;
		this.codes = codes;
		this.followUps = followUps;
		this.secondChances = secondChances;
		this.draws = draws;
		this.recognition = recognition;
		this.fulfilment = fulfilment;
		this.mails = mails;
		this.clock = clock;
		this.accounts = accounts;
		this.communities = communities;
		this.waitlists = waitlists;
		this.checkout = checkout;
		this.orders = orders;
		this.preorders = preorders;
		this.tokens = tokens;
		this.engagements = engagements;
	}

	@GetMapping(path = "/account/data", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> download(@AuthenticationPrincipal SignedInUser user) {
		var fan = user.accountId();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("exportedAt", this.clock.instant());
		Map<String, Object> account = new LinkedHashMap<>();
		account.put("id", fan.value());
		account.put("email", user.getUsername());
		account.put("displayName", user.displayName());
		account.put("emailConfirmed", this.accounts.isEmailConfirmed(fan));
		account.put("marketingConsent", this.accounts.hasMarketingConsent(fan));
		account.put("roles", user.getAuthorities().stream().map(Object::toString).toList());
		data.put("account", account);
		data.put("communities", this.communities.membershipsOf(fan));
		data.put("waitlists",
				this.waitlists.waitlistsOf(fan)
					.stream()
					.map(entry -> Map.of("drop", entry.drop().drop().slug(), "position", entry.position(), "joinedAt",
							entry.joinedAt()))
					.toList());
		data.put("notifyMe", this.waitlists.notifyRequestsOf(fan));
		data.put("drawEntries", this.draws.entriesOf(fan));
		data.put("reservations",
				this.checkout.reservationsOf(fan)
					.stream()
					.map(hold -> Map.of("id", hold.id(), "drop", hold.dropSlug(), "quantity", hold.quantity(), "status",
							hold.status(), "editions", hold.editions()))
					.toList());
		data.put("orders",
				this.orders.ordersOf(fan)
					.stream()
					.map(order -> Map.ofEntries(Map.entry("number", order.number()),
							Map.entry("drop", order.dropSlug()), Map.entry("item", order.skuName()),
							Map.entry("quantity", order.quantity()), Map.entry("editions", order.editions()),
							Map.entry("totalMinor", order.totalMinor()), Map.entry("currency", order.currency()),
							Map.entry("fulfilment", order.fulfilment()), Map.entry("createdAt", order.createdAt()),
							Map.entry("status", order.status()), Map.entry("paymentStatus", order.paymentStatus()),
							Map.entry("delivery",
									this.fulfilment.forFan(order.id(), fan).map(Object.class::cast).orElse(Map.of()))))
					.toList());
		data.put("preorders",
				this.preorders.preordersOf(fan)
					.stream()
					.map(preorder -> Map.of("id", preorder.id(), "drop", preorder.dropSlug(), "item",
							preorder.skuName(), "quantity", preorder.quantity(), "status", preorder.status(),
							"fulfilment", preorder.fulfilment(), "createdAt", preorder.createdAt()))
					.toList());
		data.put("collectorProfile", this.recognition.profileOf(fan).map(Object.class::cast).orElse(Map.of()));
		data.put("apiTokens", this.tokens.tokensOf(fan));
		data.put("mails", this.mails.mailsOf(fan));
		data.put("engagementEvents", this.engagements.eventsOf(fan));
		data.put("waitingRooms", this.waitingRooms.placesOf(fan));
		data.put("earlyAccessCodes", this.codes.codesOf(fan));
		data.put("followUps", this.followUps.followUpsOf(fan));
		data.put("secondChances", this.secondChances.offersOf(fan));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("drops-my-data.json").build().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(data);
	}

}
