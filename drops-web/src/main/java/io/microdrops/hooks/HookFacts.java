package io.microdrops.hooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.StoryBlockContent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what a hook message says about a drop, as it stands when the event is handled.
 */
@Component
class HookFacts {

	private static final String DROP = """
			select d.id, d.slug, d.title, d.community_id, c.slug as community_slug, c.name as community_name,
			       d.announce_at, d.early_access_at, d.opens_at, d.closes_at, d.scheduled,
			       (select s.slug from drop_items i join skus s on s.id = i.sku_id
			         where i.drop_id = d.id order by i.position limit 1) as first_sku
			from drops d join communities c on c.id = d.community_id
			""";

	private final JdbcClient jdbc;

	private final CatalogManagement catalog;

	HookFacts(JdbcClient jdbc, CatalogManagement catalog) {
		this.jdbc = jdbc;
		this.catalog = catalog;
	}

	Optional<HookEvent.DropFacts> drop(UUID drop) {
		return this.jdbc.sql(DROP + " where d.id = ?").param(drop).query(this::map).optional();
	}

	Optional<HookEvent.DropFacts> dropOfItem(UUID dropItem) {
		return this.jdbc.sql(DROP + " where d.id = (select drop_id from drop_items where id = ?)")
			.param(dropItem)
			.query(this::map)
			.optional();
	}

	private HookEvent.DropFacts map(ResultSet rs, int row) throws SQLException {
		String sku = rs.getString("first_sku");
		String image = (sku != null) ? heroOf(sku) : null;
		return new HookEvent.DropFacts(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("title"),
				rs.getObject("community_id", UUID.class), rs.getString("community_slug"),
				rs.getString("community_name"), instant(rs.getTimestamp("announce_at")),
				instant(rs.getTimestamp("early_access_at")), instant(rs.getTimestamp("opens_at")),
				instant(rs.getTimestamp("closes_at")), rs.getBoolean("scheduled"), image);
	}

	private String heroOf(String sku) {
		return this.catalog.story(sku)
			.blocks()
			.stream()
			.map(block -> block.content())
			.filter(StoryBlockContent.Hero.class::isInstance)
			.map(content -> ((StoryBlockContent.Hero) content).image().key())
			.findFirst()
			.orElse(null);
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
