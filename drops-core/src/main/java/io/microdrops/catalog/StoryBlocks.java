package io.microdrops.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The story blocks of every SKU, one row each with its content as {@code jsonb}.
 * Positions are 0, 1, 2… per SKU; a deferred unique constraint lets a transaction swap or
 * renumber them.
 */
@Repository
class StoryBlocks {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	StoryBlocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks a SKU's row for the rest of the transaction, so two people editing one story
	 * take turns instead of writing the same position twice.
	 */
	Optional<UUID> lockSku(String slug) {
		return this.jdbc.sql("select id from skus where slug = ? for update").param(slug).query(UUID.class).optional();
	}

	Optional<UUID> findSkuId(String slug) {
		return this.jdbc.sql("select id from skus where slug = ?").param(slug).query(UUID.class).optional();
	}

	List<StoryBlock> findBySku(UUID skuId) {
		return this.jdbc.sql("select id, kind, content from sku_story_blocks where sku_id = ? order by position")
			.param(skuId)
			.query((rs, row) -> new StoryBlock(new StoryBlockId(rs.getObject("id", UUID.class)),
					read(StoryBlockKind.valueOf(rs.getString("kind")), rs.getString("content"))))
			.list();
	}

	void insert(UUID skuId, StoryBlockId id, int position, StoryBlockContent content, Instant now) {
		this.jdbc
			.sql("insert into sku_story_blocks (id, sku_id, position, kind, content, created_at, updated_at) "
					+ "values (?, ?, ?, ?, ?::jsonb, ?, ?)")
			.params(id.value(), skuId, position, content.kind().name(), JSON.writeValueAsString(content),
					Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	void updateContent(StoryBlockId id, StoryBlockContent content, Instant now) {
		this.jdbc.sql("update sku_story_blocks set content = ?::jsonb, updated_at = ? where id = ?")
			.params(JSON.writeValueAsString(content), Timestamp.from(now), id.value())
			.update();
	}

	void updatePosition(StoryBlockId id, int position) {
		this.jdbc.sql("update sku_story_blocks set position = ? where id = ?").params(position, id.value()).update();
	}

	void delete(StoryBlockId id) {
		this.jdbc.sql("delete from sku_story_blocks where id = ?").param(id.value()).update();
	}

	Map<UUID, Integer> countBySku() {
		return this.jdbc.sql("select sku_id, count(*) as blocks from sku_story_blocks group by sku_id")
			.query((rs, row) -> Map.entry(rs.getObject("sku_id", UUID.class), rs.getInt("blocks")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static StoryBlockContent read(StoryBlockKind kind, String json) {
		Class<? extends StoryBlockContent> type = switch (kind) {
			case HERO -> StoryBlockContent.Hero.class;
			case TEXT -> StoryBlockContent.Text.class;
			case INTERVIEW -> StoryBlockContent.Interview.class;
			case GALLERY -> StoryBlockContent.Gallery.class;
			case SPECS -> StoryBlockContent.Specs.class;
			case SHOWCASE -> StoryBlockContent.Showcase.class;
		};
		return JSON.readValue(json, type);
	}

}
