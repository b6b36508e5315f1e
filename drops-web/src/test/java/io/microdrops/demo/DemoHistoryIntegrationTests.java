package io.microdrops.demo;

import java.util.List;

import io.microdrops.account.AccountManagement;
import io.microdrops.analytics.AnalyticsDashboards;
import io.microdrops.analytics.AnalyticsDashboards.CohortBy;
import io.microdrops.analytics.AnalyticsDashboards.Scope;
import io.microdrops.analytics.Period;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A small demo history: consistent with the shop's own rules (no unit sold twice, an
 * order per paid hold), counted by analytics exactly as the shop's tables say, and with
 * fans who come back, so the dashboards have something to show.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoHistoryIntegrationTests {

	@Autowired
	HistoryGenerator generator;

	@Autowired
	AnalyticsDashboards dashboards;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MockMvc mvc;

	HistoryGenerator.Report report;

	List<String> communities;

	@BeforeAll
	void history() {
		TestAccounts.ensure(this.accounts);
		this.report = this.generator.generate(new HistorySize(2, 160, 900, 6, 42));
		this.communities = this.jdbc.queryForList("""
				select distinct c.slug from drops d join communities c on c.id = d.community_id
				where d.slug like '%-hist-%' and c.created_at > now() - interval '1 hour'
				order by c.slug
				""", String.class);
	}

	@Test
	void makesTwoDropsAMonthPerCommunityWithOrders() {
		assertThat(this.report.communities()).isEqualTo(2);
		assertThat(this.report.fans()).isEqualTo(160);
		assertThat(this.report.drops()).isBetween(2 * 10, 2 * 13);
		assertThat(this.report.orders()).isBetween(200, 1400);
		assertThat(this.generator.generatedAlready()).isTrue();
	}

	@Test
	void sellsNoUnitTwiceAndPlacesOneOrderPerPaidHold() {
		assertThat(this.jdbc.queryForObject("""
				select count(*) from drop_items i join drops d on d.id = i.drop_id
				where d.slug like '%-hist-%'
				  and (select count(*) from drop_units u where u.drop_item_id = i.id and u.sold) <> coalesce(
				      (select sum(o.quantity) from orders o where o.drop_item_id = i.id), 0)
				""", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject(
				"""
						select count(*) from drop_items i join drops d on d.id = i.drop_id
						where d.slug like '%-hist-%' and (select count(*) from drop_units u where u.drop_item_id = i.id) <> i.quantity
						""",
				Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("""
				select count(*) from orders o join reservations r on r.id = o.reservation_id
				where o.payment_reference like 'demo-history-%'
				  and (r.status <> 'ORDERED' or r.account_id <> o.account_id or r.editions <> o.editions)
				""", Integer.class)).isZero();
	}

	@Test
	void sellsEachEditionOfARunOnceAndNoneBeyondTheRun() {
		assertThat(this.jdbc.queryForObject("""
				select count(*) from (
				    select i.sku_id, u.edition from drop_units u join drop_items i on i.id = u.drop_item_id
				    join drops d on d.id = i.drop_id
				    where d.slug like '%-hist-%' and u.sold
				    group by i.sku_id, u.edition having count(*) > 1) twice
				""", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("""
				select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id
				join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id
				where d.slug like '%-hist-%' and s.edition_size is not null and u.edition > s.edition_size
				""", Integer.class)).isZero();
	}

	@Test
	void analyticsCountsWhatTheShopsTablesHold() {
		assertThat(this.jdbc.queryForObject("""
				select coalesce(sum(t.units), 0) from analytics_drop_totals t join drops d on d.id = t.drop_id
				where d.slug like '%-hist-%'
				""", Long.class)).isEqualTo(this.jdbc.queryForObject("""
				select coalesce(sum(o.quantity), 0) from orders o join drop_items i on i.id = o.drop_item_id
				join drops d on d.id = i.drop_id where d.slug like '%-hist-%'
				""", Long.class));
	}

	@Test
	void hasFansWhoComeBack() {
		for (String community : this.communities) {
			var cohorts = this.dashboards.cohorts(new Scope(community, Period.ALL), CohortBy.DROP);
			assertThat(cohorts.rows()).isNotEmpty();
			assertThat(cohorts.pooled()).isNotEmpty();
			assertThat(cohorts.pooled().get(0)).isPositive();
			var retention = this.dashboards.retention(community, Period.ALL);
			assertThat(retention.subList(1, retention.size())).anySatisfy(drop -> {
				assertThat(drop.returning()).isPositive();
				assertThat(drop.retention()).isPositive();
			});
			assertThat(this.dashboards.funnel(retention.get(retention.size() - 1).slug()))
				.hasValueSatisfying(funnel -> {
					assertThat(funnel.viewers()).isPositive();
					assertThat(funnel.viewersReportingBlock()).isPositive();
				});
		}
	}

	@Test
	@WithUserDetails(value = TestAccounts.OPS, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void givesTheDashboardsSomethingToShow() throws Exception {
		this.mvc.perform(get("/ops/analytics").param("community", this.communities.get(0)).param("period", "all"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"table-cohorts\"")))
			.andExpect(content().string(containsString("id=\"table-retention\"")))
			.andExpect(content().string(containsString("id=\"table-funnel\"")));
	}

}
