package io.microdrops.fulfilment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.shared.Slug;
import io.microdrops.shared.Texts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Manages micro-hubs: their addresses, opening hours, pickup capacity, delivery areas and
 * whether checkout offers them.
 */
@Service
public class HubManagement {

	private static final String HUB_COLUMNS = """
			id, slug, name, address, time_zone, latitude, longitude, pickup_capacity_per_day, slot_minutes,
			delivery_postcodes, delivery_radius_km, same_day_cutoff, active
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	HubManagement(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Lists every hub, active or not, by name.
	 * @return the hubs
	 */
	@Transactional(readOnly = true)
	public List<Hub> hubs() {
		return withHours(this.jdbc.sql("select " + HUB_COLUMNS + " from hubs order by name").query(this::row).list());
	}

	/**
	 * Lists the hubs checkout offers, by name.
	 * @return the active hubs
	 */
	@Transactional(readOnly = true)
	public List<Hub> activeHubs() {
		return withHours(this.jdbc.sql("select " + HUB_COLUMNS + " from hubs where active order by name")
			.query(this::row)
			.list());
	}

	/**
	 * Finds a hub by slug.
	 * @param slug the slug
	 * @return the hub, if any
	 */
	@Transactional(readOnly = true)
	public Optional<Hub> find(String slug) {
		return this.jdbc.sql("select " + HUB_COLUMNS + " from hubs where slug = ?")
			.param(slug)
			.query(this::row)
			.optional()
			.map(hub -> withHours(List.of(hub)).getFirst());
	}

	/**
	 * Finds a hub by id.
	 * @param id the id
	 * @return the hub, if any
	 */
	@Transactional(readOnly = true)
	public Optional<Hub> find(UUID id) {
		return this.jdbc.sql("select " + HUB_COLUMNS + " from hubs where id = ?")
			.param(id)
			.query(this::row)
			.optional()
			.map(hub -> withHours(List.of(hub)).getFirst());
	}

	/**
	 * Creates a hub.
	 * @param details its details
	 * @return the hub
	 * @throws HubRefusedException when a detail is missing or wrong, or the slug is taken
	 */
	@Transactional
	public Hub create(HubDetails details) {
		List<HubRefusedException.Problem> problems = check(details);
		if (!Slug.isValid(details.slug())) {
			problems.add(new HubRefusedException.Problem("slug", "hub.refused.slug"));
		}
		else if (find(details.slug()).isPresent()) {
			problems.add(new HubRefusedException.Problem("slug", "hub.refused.slug-taken"));
		}
		if (!problems.isEmpty()) {
			throw new HubRefusedException(problems);
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into hubs (id, slug, name, address, time_zone, latitude, longitude, pickup_capacity_per_day,
				                  slot_minutes, delivery_postcodes, delivery_radius_km, same_day_cutoff, active,
				                  created_at)
				values (:id, :slug, :name, :address, :zone, :latitude, :longitude, :capacity, :slot, :postcodes,
				        :radius, :cutoff, :active, :now)
				""")
			.param("id", id)
			.param("slug", details.slug())
			.params(values(details))
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		saveHours(id, details.openingHours());
		return find(id).orElseThrow();
	}

	/**
	 * Changes a hub's details; its slug stays.
	 * @param slug the hub
	 * @param details the new details
	 * @return the hub
	 * @throws HubRefusedException when a detail is missing or wrong
	 * @throws IllegalArgumentException when there is no such hub
	 */
	@Transactional
	public Hub update(String slug, HubDetails details) {
		Hub hub = find(slug).orElseThrow(() -> new IllegalArgumentException("No hub " + slug));
		List<HubRefusedException.Problem> problems = check(details);
		if (!problems.isEmpty()) {
			throw new HubRefusedException(problems);
		}
		this.jdbc.sql("""
				update hubs set name = :name, address = :address, time_zone = :zone, latitude = :latitude,
				       longitude = :longitude, pickup_capacity_per_day = :capacity, slot_minutes = :slot,
				       delivery_postcodes = :postcodes, delivery_radius_km = :radius, same_day_cutoff = :cutoff,
				       active = :active, version = version + 1
				where id = :id
				""").param("id", hub.id()).params(values(details)).update();
		saveHours(hub.id(), details.openingHours());
		return find(hub.id()).orElseThrow();
	}

	private List<HubRefusedException.Problem> check(HubDetails details) {
		List<HubRefusedException.Problem> problems = new ArrayList<>();
		if (Texts.blankToNull(details.name()) == null || details.name().length() > 120) {
			problems.add(new HubRefusedException.Problem("name", "hub.refused.name"));
		}
		if (Texts.blankToNull(details.address()) == null || details.address().length() > 500) {
			problems.add(new HubRefusedException.Problem("address", "hub.refused.address"));
		}
		try {
			ZoneId.of((details.timeZone() != null) ? details.timeZone() : "");
		}
		catch (DateTimeException ex) {
			problems.add(new HubRefusedException.Problem("timeZone", "hub.refused.time-zone"));
		}
		if ((details.latitude() == null) != (details.longitude() == null)
				|| (details.latitude() != null && (details.latitude() < -90 || details.latitude() > 90))
				|| (details.longitude() != null && (details.longitude() < -180 || details.longitude() > 180))) {
			problems.add(new HubRefusedException.Problem("latitude", "hub.refused.coordinates"));
		}
		if (details.pickupCapacityPerDay() == null || details.pickupCapacityPerDay() < 0
				|| details.pickupCapacityPerDay() > 100_000) {
			problems.add(new HubRefusedException.Problem("pickupCapacityPerDay", "hub.refused.capacity"));
		}
		if (details.slotMinutes() == null || details.slotMinutes() < 15 || details.slotMinutes() > 480) {
			problems.add(new HubRefusedException.Problem("slotMinutes", "hub.refused.slot-minutes"));
		}
		if (details.deliveryPostcodes() != null && details.deliveryPostcodes().length() > 1000) {
			problems.add(new HubRefusedException.Problem("deliveryPostcodes", "hub.refused.postcodes"));
		}
		if (details.deliveryRadiusKm() != null) {
			if (details.deliveryRadiusKm() <= 0 || details.deliveryRadiusKm() > 500) {
				problems.add(new HubRefusedException.Problem("deliveryRadiusKm", "hub.refused.radius"));
			}
			else if (details.latitude() == null || details.longitude() == null) {
				problems.add(new HubRefusedException.Problem("deliveryRadiusKm", "hub.refused.radius-needs-point"));
			}
		}
		if (details.sameDayCutoff() == null) {
			problems.add(new HubRefusedException.Problem("sameDayCutoff", "hub.refused.cutoff"));
		}
		if (details.openingHours() == null) {
			problems.add(new HubRefusedException.Problem("openingHours", "hub.refused.hours"));
		}
		return problems;
	}

	private static Map<String, Object> values(HubDetails details) {
		Map<String, Object> values = new java.util.HashMap<>();
		values.put("name", details.name().strip());
		values.put("address", details.address().strip());
		values.put("zone", details.timeZone());
		values.put("latitude", details.latitude());
		values.put("longitude", details.longitude());
		values.put("capacity", details.pickupCapacityPerDay());
		values.put("slot", details.slotMinutes());
		DeliveryArea area = DeliveryArea.of(details.deliveryPostcodes(), null);
		values.put("postcodes", area.postcodePrefixes().isEmpty() ? null : area.prefixesText());
		values.put("radius", details.deliveryRadiusKm());
		values.put("cutoff", details.sameDayCutoff());
		values.put("active", details.active());
		return values;
	}

	private void saveHours(UUID hub, Map<DayOfWeek, OpeningWindow> hours) {
		this.jdbc.sql("delete from hub_opening_hours where hub_id = ?").param(hub).update();
		hours.forEach((day, window) -> this.jdbc
			.sql("insert into hub_opening_hours (hub_id, weekday, opens, closes) values (?, ?, ?, ?)")
			.params(hub, day.getValue(), window.opens(), window.closes())
			.update());
	}

	private List<Hub> withHours(List<Hub> hubs) {
		if (hubs.isEmpty()) {
			return hubs;
		}
		Map<UUID, Map<DayOfWeek, OpeningWindow>> hours = new java.util.HashMap<>();
		this.jdbc
			.sql("select hub_id, weekday, opens, closes from hub_opening_hours where hub_id = any(?) order by weekday")
			.param(hubs.stream().map(Hub::id).toArray(UUID[]::new))
			.query((rs, row) -> hours
				.computeIfAbsent(rs.getObject("hub_id", UUID.class), id -> new EnumMap<>(DayOfWeek.class))
				.put(DayOfWeek.of(rs.getInt("weekday")),
						new OpeningWindow(rs.getObject("opens", LocalTime.class),
								rs.getObject("closes", LocalTime.class))))
			.list();
		return hubs.stream()
			.map(hub -> new Hub(hub.id(), hub.slug(), hub.name(), hub.address(), hub.timeZone(), hub.location(),
					hub.pickupCapacityPerDay(), hub.slotMinutes(), hub.deliveryArea(), hub.sameDayCutoff(),
					hub.active(), Map.copyOf(hours.getOrDefault(hub.id(), Map.of()))))
			.toList();
	}

	private Hub row(ResultSet rs, int row) throws SQLException {
		Double radius = rs.getObject("delivery_radius_km", Double.class);
		return new Hub(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
				rs.getString("address"), ZoneId.of(rs.getString("time_zone")),
				GeoPoint.ofNullable(rs.getObject("latitude", Double.class), rs.getObject("longitude", Double.class)),
				rs.getInt("pickup_capacity_per_day"), rs.getInt("slot_minutes"),
				DeliveryArea.of(rs.getString("delivery_postcodes"), radius),
				rs.getObject("same_day_cutoff", LocalTime.class), rs.getBoolean("active"), Map.of());
	}

}
