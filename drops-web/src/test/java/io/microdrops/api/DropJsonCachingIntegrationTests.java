package io.microdrops.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class DropJsonCachingIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Checkout checkout;

	@Autowired
	SharedDropJson shared;

	@Autowired
	AccountManagement accounts;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	void letsCachesKeepADropForASecondAndAnswersAnUnchangedOneWith304() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String drop = TestDrops.drop(this.communities, this.catalog, this.drops, "Cached drop", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);

		String etag = this.mvc.perform(get("/api/v1/drops/" + drop))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "max-age=1, public"))
			.andReturn()
			.getResponse()
			.getHeader("ETag");
		assertThat(etag).as("an entity tag is quoted (RFC 9110)").matches("\"[0-9a-f]+\"");
		this.mvc.perform(get("/api/v1/drops/" + drop).header("If-None-Match", etag))
			.andExpect(status().isNotModified());

		// One unit fewer is another version: the stock a fan sees is the real stock. A
		// hold placed on this node forgets the JSON it kept for the second.
		this.checkout.reserve(new ReserveRequest(drop, sku(drop), 1, fan(), null));
		String changed = this.mvc.perform(get("/api/v1/drops/" + drop).header("If-None-Match", etag))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getHeader("ETag");
		assertThat(changed).isNotEqualTo(etag);
	}

	@Test
	void answersEveryCallerWithTheSameJsonReadOnceForTheSecond() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String drop = TestDrops.drop(this.communities, this.catalog, this.drops, "Shared drop", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);
		AtomicInteger reads = new AtomicInteger();
		Function<String, Optional<DropJson>> read = slug -> {
			reads.incrementAndGet();
			return this.drops.publicView(slug).map(DropJson::of);
		};

		SharedDropJson.Json first = this.shared.find(drop, read).orElseThrow();
		SharedDropJson.Json again = this.shared.find(drop, read).orElseThrow();
		// The second may have turned between the two calls: then it was read twice.
		assertThat(reads.get()).isBetween(1, 2);
		assertThat(again.etag()).isEqualTo(first.etag());
		assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("\"slug\":\"" + drop + "\"")
			.contains("\"remaining\":");

		this.checkout.reserve(new ReserveRequest(drop, sku(drop), 1, fan(), null));
		int before = reads.get();
		SharedDropJson.Json after = this.shared.find(drop, read).orElseThrow();
		assertThat(reads.get()).isEqualTo(before + 1);
		assertThat(after.etag()).isNotEqualTo(first.etag());
		assertThat(this.shared.find("no-such-drop-" + UUID.randomUUID(), read)).isEmpty();
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
