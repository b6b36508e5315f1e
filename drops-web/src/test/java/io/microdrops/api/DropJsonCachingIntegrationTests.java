package io.microdrops.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import io.microdrops.web.TestDrops;
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
		assertThat(etag).isNotBlank();
		this.mvc.perform(get("/api/v1/drops/" + drop).header("If-None-Match", etag))
			.andExpect(status().isNotModified());

		// One unit fewer is another version: the stock a fan sees is the real stock.
		this.jdbc.update("""
				update drop_units set reservation_id = gen_random_uuid() where (drop_item_id, edition) in (
				    select u.drop_item_id, min(u.edition) from drop_units u join drop_items i on i.id = u.drop_item_id
				    join drops d on d.id = i.drop_id where d.slug = ? group by u.drop_item_id)
				""", drop);
		String changed = this.mvc.perform(get("/api/v1/drops/" + drop).header("If-None-Match", etag))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getHeader("ETag");
		assertThat(changed).isNotEqualTo(etag);
	}

}
