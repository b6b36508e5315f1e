package io.microdrops.platform;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admins' page of deliveries not done: a delivery that failed and waits to be tried
 * again is listed with its listener, state and attempts; a completed one is not.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EventDeliveriesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AccountManagement accounts;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	@WithUserDetails(value = TestAccounts.ADMIN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void listsAFailedDeliveryWithItsListenerAndAttemptsAndLeavesOutCompletedOnes() throws Exception {
		String kind = "Refund" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		// Fresh, so the retry job (which waits 10 s before trying a failure again) leaves
		// them alone while the page is read.
		UUID failed = publication("io.microdrops.example." + kind + "Steps.on(io.microdrops.example." + kind + ")",
				"io.microdrops.example." + kind, now.minus(Duration.ofSeconds(5)), null, "FAILED", 4);
		UUID completed = publication("io.microdrops.example." + kind + "Done.on(io.microdrops.example." + kind + ")",
				"io.microdrops.example." + kind, now.minus(Duration.ofSeconds(5)), now, "COMPLETED", 1);
		try {
			this.mvc.perform(get("/admin/deliveries"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("tried again every 15 seconds")))
				.andExpect(content().string(containsString(kind + "Steps.on(" + kind + ")")))
				.andExpect(content().string(containsString("Failed, to be tried again")))
				.andExpect(content().string(containsString("<td class=\"num\">4</td>")))
				.andExpect(content().string(not(containsString(kind + "Done.on("))));
		}
		finally {
			this.jdbc.update("delete from event_publication where id in (?, ?)", failed, completed);
		}
		assertThat(EventDeliveries
			.shortListener("io.microdrops.fulfilment.OrderTakeBacks.on(io.microdrops.fulfilment.OrderCancelled)"))
			.isEqualTo("OrderTakeBacks.on(OrderCancelled)");
		assertThat(EventDeliveries.shortListener("a.b.Jobs.run()")).isEqualTo("Jobs.run()");
		assertThat(EventDeliveries.shortListener("test.Listener")).isEqualTo("test.Listener");
	}

	private UUID publication(String listener, String event, Instant published, Instant completed, String state,
			int attempts) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				                               completion_date, status, completion_attempts)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				""", id, listener, event, "{\"id\":\"" + id + "\"}", Timestamp.from(published),
				(completed != null) ? Timestamp.from(completed) : null, state, attempts);
		return id;
	}

}
