package io.microdrops.admin.drop;

import java.time.Instant;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestDrops;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A merchandiser watches a drop sell on its live monitor.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DropMonitorPageIntegrationTests {

	@Autowired
	MockMvc mvc;

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
	JdbcTemplate jdbc;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void showsHeldSoldAndRemainingUnitsAndRefreshesItself() throws Exception {
		String drop = liveDrop();
		this.checkout.reserve(new ReserveRequest(drop, sku(drop), 2, fan(), null));

		this.mvc.perform(get("/admin/drops/" + drop))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/admin/drops/" + drop + "/monitor\"")));
		this.mvc.perform(get("/admin/drops/" + drop + "/monitor"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Live monitor: Live monitor test"),
					containsString("<span class=\"figure\">2</span> <span>held, waiting for payment</span>"),
					containsString("<span class=\"figure\">48</span> <span>left of 50</span>"),
					containsString("Not sold out"), containsString("data-hx-trigger=\"every 2s\""),
					containsString("data-hx-get=\"/admin/drops/" + drop + "/monitor/pulse\""),
					containsString("Refresh now"))));
		this.mvc.perform(get("/admin/drops/" + drop + "/monitor/pulse"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("class=\"monitor\""), not(containsString("<html")),
					containsString("reserve attempts per second"))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void showsTheMomentTheDropSoldOut() throws Exception {
		String drop = liveDrop();
		this.jdbc.update("update drop_units set reservation_id = gen_random_uuid() where drop_item_id in "
				+ "(select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?)", drop);
		try {
			this.checkout.reserve(new ReserveRequest(drop, sku(drop), 1, fan(), null));
		}
		catch (RuntimeException ex) {
			// Sold out: the answer that notices it.
		}

		this.mvc.perform(get("/admin/drops/" + drop + "/monitor/pulse"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("after opening"), not(containsString("Not sold out")))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void isForMerchandisersOnly() throws Exception {
		String drop = liveDrop();

		this.mvc.perform(get("/admin/drops/" + drop + "/monitor")).andExpect(status().isForbidden());
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersAnUnknownDropWith404() throws Exception {
		this.mvc.perform(get("/admin/drops/no-such-drop-" + UUID.randomUUID().toString().substring(0, 8) + "/monitor"))
			.andExpect(status().isNotFound());
	}

	private String liveDrop() {
		Instant now = Instant.now();
		return TestDrops.drop(this.communities, this.catalog, this.drops, "Live monitor test", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);
	}

	private String sku(String drop) {
		return this.jdbc.queryForObject("select s.slug from skus s join drop_items i on i.sku_id = s.id "
				+ "join drops d on d.id = i.drop_id where d.slug = ?", String.class, drop);
	}

	private AccountId fan() {
		return new AccountId(
				this.jdbc.queryForObject("select id from accounts where email = ?", UUID.class, TestAccounts.FAN));
	}

}
