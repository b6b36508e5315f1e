package io.microdrops.demo;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.analytics.AnalyticsHistory;
import io.microdrops.analytics.AnalyticsHistory.PastPickup;
import io.microdrops.analytics.AnalyticsHistory.PastView;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.catalog.StoryBlockContent;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.shared.Money;
import net.datafaker.Faker;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a believable past for the demo: communities (the demo shop's two first), fans who
 * join over the year, two drops a month per community, and what fans did with each drop —
 * viewed its page, joined its waitlist, held units, bought, picked up. Fans with a
 * stronger taste for their community come more often and come back more often, so cohorts
 * and retention look like a real shop's. Communities, SKUs and stories go through the
 * shop's services; the past itself (drops that opened before now, their units, holds and
 * orders) is written as rows, since no service lets anything happen in the past. Only for
 * demo mode.
 */
@Component
class HistoryGenerator {

	/** The slug of each community's history drops ends with this and a number. */
	static final String PAST = "-hist-";

	private static final int BATCH = 5_000;

	/**
	 * Most a fan's wish to buy is multiplied by: beyond it the stock, not the fans,
	 * limits.
	 */
	private static final double MAX_EAGERNESS = 3.0;

	// The demo's hubs: pickups at any, local deliveries from the two that deliver.
	private static final String[] HUBS = { DemoHubs.MANCHESTER, DemoHubs.LEEDS, DemoHubs.SHEFFIELD };

	private static final String[] DELIVERING_HUBS = { DemoHubs.MANCHESTER, DemoHubs.LEEDS };

	// A numbered run with fewer numbers left than this is followed by a new run.
	private static final int MIN_RUN_LEFT = 30;

	private static final String[] KINDS = { "Circle", "Club", "Collective", "Guild", "Society" };

	private static final ZoneId[] ZONES = { ZoneId.of("Europe/London"), ZoneId.of("Europe/Berlin"),
			ZoneId.of("Europe/Madrid"), ZoneId.of("America/New_York"), ZoneId.of("America/Chicago") };

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final AccountManagement accounts;

	private final AnalyticsHistory analytics;

	private final PasswordEncoder passwords;

	private final Clock clock;

	HistoryGenerator(JdbcClient jdbc, PlatformTransactionManager transactionManager, CommunityManagement communities,
			CatalogManagement catalog, AccountManagement accounts, AnalyticsHistory analytics,
			PasswordEncoder passwords, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.communities = communities;
		this.catalog = catalog;
		this.accounts = accounts;
		this.analytics = analytics;
		this.passwords = passwords;
		this.clock = clock;
	}

	boolean generatedAlready() {
		return this.jdbc.sql("select exists (select 1 from drops where slug like ?)")
			.param("%" + PAST + "01")
			.query(Boolean.class)
			.single();
	}

	Report generate(HistorySize size) {
		long started = System.nanoTime();
		Random random = new Random(size.seed());
		Faker faker = new Faker(Locale.ENGLISH, new Random(size.seed()));
		Instant now = this.clock.instant();
		Instant start = now.atZone(ZoneId.of("UTC")).minusMonths(size.months()).toInstant();
		// Names of made-up communities, SKUs and fans stay unique in a database that has
		// a
		// history already.
		String unique = Long.toString(Math.abs(new Random().nextLong()), 36).substring(0, 5);

		List<Place> places = places(size, faker, random, unique);
		Map<UUID, Integer> storyLengths = storyLengths();
		List<Fan> fans = fans(size, faker, random, start, now, places, unique);

		// How many drops each community's members could buy from, weighted by taste: the
		// first guess of how eager fans must be for the orders asked for.
		double[] weights = new double[places.size()];
		double total = 0;
		for (int i = 0; i < places.size(); i++) {
			List<Instant> opens = openings(places.get(i), start, now);
			for (Member member : places.get(i).members()) {
				long drops = opens.stream()
					.filter(at -> !member.joinedAt().isAfter(at.minus(Duration.ofDays(7))))
					.count();
				weights[i] += drops * (0.3 + 1.4 * member.affinity());
			}
			total += weights[i];
		}
		double eagerness = eagerness(size.orders(), total, 1.0);

		Totals totals = new Totals();
		double spent = 0;
		double done = 0;
		for (int i = 0; i < places.size(); i++) {
			Place place = places.get(i);
			Simulation simulation = new Simulation(place, random, faker, eagerness, storyLengths, now);
			for (Instant opensAt : openings(place, start, now)) {
				simulation.drop(opensAt);
			}
			this.transactions.executeWithoutResult(status -> simulation.write());
			this.analytics.importViews(simulation.views);
			this.analytics.importPickups(simulation.pickups);
			totals.add(simulation);
			// Sold-out drops and fans who never looked turn many intents away, the more
			// the eagerer fans are: the orders so far say how many one unit of eagerness
			// gives, and the communities still to come make up the difference.
			spent += eagerness * weights[i];
			done += weights[i];
			if (totals.orders > 0 && total - done > 0) {
				eagerness = eagerness(size.orders() - totals.orders, total - done, totals.orders / spent);
			}
		}
		this.analytics.rebuild();
		return new Report(places.size(), fans.size(), totals.drops, totals.orders, totals.views,
				Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * How eager fans must be for the orders still wanted, at the orders one unit of
	 * eagerness gives per unit of weight; never so eager that every fan buys every drop.
	 */
	private static double eagerness(double wanted, double weight, double yield) {
		return Math.max(0.05, Math.min(MAX_EAGERNESS, wanted / Math.max(1.0, weight * yield)));
	}

	/** The demo shop's communities with their SKUs, then made-up ones. */
	private List<Place> places(HistorySize size, Faker faker, Random random, String unique) {
		List<Place> places = new ArrayList<>();
		demoPlace(DemoDrops.KEYCAPS, List.of("brass-artisan-keycap", "night-shift-deskmat")).ifPresent(places::add);
		demoPlace(DemoDrops.FILM, List.of("hand-rolled-400")).ifPresent(places::add);
		Set<String> names = new java.util.HashSet<>();
		while (places.size() < size.communities()) {
			int number = places.size() + 1;
			String hobby = faker.hobby().activity();
			String name = hobby + " " + KINDS[random.nextInt(KINDS.length)];
			if (!names.add(name)) {
				name = name + " " + number;
			}
			String slug = slug(name, 40) + "-" + unique + number;
			ZoneId zone = ZONES[random.nextInt(ZONES.length)];
			int target = 200 + random.nextInt(800);
			Community community = this.communities.create(slug,
					new CommunityDetails(name,
							"Fans of " + hobby.toLowerCase(Locale.ROOT) + " who trade tips, show their work and wait "
									+ "for small runs made for exactly them.",
							name + " forum", null, target, zone, 5, 3));
			List<SkuSummary> skus = new ArrayList<>();
			for (int i = 1; i <= 2; i++) {
				String product = faker.commerce().productName();
				Sku sku = this.catalog.create(slug(product, 40) + "-" + unique + number + "-" + i,
						new SkuDetails(product, Money.of(1200 + 100L * random.nextInt(45), "EUR"),
								(random.nextBoolean()) ? 150 + random.nextInt(300) : null, faker.name().fullName(),
								null));
				this.catalog.addText(sku.slug(),
						"Made for the " + name + " in one small run. " + faker.lorem().sentence(12));
				this.catalog.addSpecs(sku.slug(),
						List.of(new StoryBlockContent.SpecRow("Material", faker.commerce().material()),
								new StoryBlockContent.SpecRow("Colour", faker.color().name())));
				this.catalog.addText(sku.slug(), faker.lorem().paragraph(3));
				skus.add(new SkuSummary(sku.id().value(), sku.slug(), sku.name(), sku.price().minor(),
						sku.price().currency().getCurrencyCode(), sku.editionSize()));
			}
			places.add(new Place(community.id().value(), slug, name, zone, skus, new ArrayList<>()));
		}
		return places;
	}

	private Optional<Place> demoPlace(String slug, List<String> skuSlugs) {
		return this.communities.find(slug).map(community -> {
			List<SkuSummary> skus = skuSlugs.stream()
				.map(this.catalog::find)
				.flatMap(Optional::stream)
				.map(sku -> new SkuSummary(sku.id().value(), sku.slug(), sku.name(), sku.price().minor(),
						sku.price().currency().getCurrencyCode(), sku.editionSize()))
				.toList();
			return new Place(community.id().value(), slug, community.name(), community.timeZone(), skus,
					new ArrayList<>());
		}).filter(place -> !place.skus().isEmpty());
	}

	private Map<UUID, Integer> storyLengths() {
		Map<UUID, Integer> lengths = new HashMap<>();
		this.jdbc.sql("select sku_id, count(*) as blocks from sku_story_blocks group by sku_id")
			.query((rs, row) -> lengths.put(rs.getObject("sku_id", UUID.class), rs.getInt("blocks")))
			.list();
		return lengths;
	}

	/**
	 * Fans, most in one community, some in two or three; bigger communities draw more.
	 * About half were members before the history starts, the others join during it.
	 */
	private List<Fan> fans(HistorySize size, Faker faker, Random random, Instant start, Instant now, List<Place> places,
			String unique) {
		String hash = this.passwords.encode(UUID.randomUUID().toString());
		double[] weights = new double[places.size()];
		double sum = 0;
		for (int i = 0; i < places.size(); i++) {
			weights[i] = 1 / Math.sqrt(i + 1.0);
			sum += weights[i];
		}
		List<Fan> fans = new ArrayList<>();
		Rows accountRows = new Rows();
		Rows memberRows = new Rows();
		long span = Duration.between(start, now.minus(Duration.ofDays(7))).toSeconds();
		for (int n = 0; n < size.fans(); n++) {
			String first = faker.name().firstName();
			String last = faker.name().lastName();
			UUID id = UUID.randomUUID();
			double affinity = Math.pow(random.nextDouble(), 1.6);
			Instant joined = (random.nextDouble() < 0.55)
					? start.minusSeconds((long) (random.nextDouble() * 90 * 86400))
					: start.plusSeconds((long) (random.nextDouble() * span));
			int count = (random.nextDouble() < 0.8) ? 1 : ((random.nextDouble() < 0.85) ? 2 : 3);
			List<Integer> chosen = new ArrayList<>();
			while (chosen.size() < Math.min(count, places.size())) {
				double pick = random.nextDouble() * sum;
				int index = 0;
				while (pick > weights[index] && index < weights.length - 1) {
					pick -= weights[index];
					index++;
				}
				if (!chosen.contains(index)) {
					chosen.add(index);
				}
			}
			for (int index : chosen) {
				Instant memberSince = (chosen.indexOf(index) == 0) ? joined
						: joined.plusSeconds((long) (random.nextDouble() * Duration.between(joined, now).toSeconds()));
				double taste = Math.min(1, Math.max(0, affinity + (random.nextDouble() - 0.5) * 0.3));
				places.get(index).members().add(new Member(id, memberSince, taste));
				memberRows.add(places.get(index).id(), id, memberSince);
			}
			accountRows.add(id, (slug(first + "." + last, 40) + "." + unique + n + "@example.net"), first + " " + last,
					joined, random.nextDouble() < 0.6);
			fans.add(new Fan(id));
			if (accountRows.size() >= BATCH) {
				writeAccounts(accountRows, hash);
			}
		}
		writeAccounts(accountRows, hash);
		// The demo fan has a past in the first community too.
		this.accounts.findCredentials("fan@example.com")
			.filter(credentials -> !places.isEmpty())
			.ifPresent(credentials -> {
				Instant joined = start.minus(Duration.ofDays(30));
				places.get(0).members().add(new Member(credentials.id().value(), joined, 0.85));
				memberRows.add(places.get(0).id(), credentials.id().value(), joined);
			});
		for (int from = 0; from < memberRows.size(); from += BATCH) {
			Rows batch = memberRows.slice(from, Math.min(memberRows.size(), from + BATCH));
			this.jdbc.sql("""
					insert into community_members (community_id, account_id, joined_at)
					select * from unnest(?::uuid[], ?::uuid[], ?::timestamptz[]) on conflict do nothing
					""").params(batch.columns()).update();
		}
		return fans;
	}

	private void writeAccounts(Rows rows, String hash) {
		if (rows.size() == 0) {
			return;
		}
		this.transactions.executeWithoutResult(status -> {
			Object[] columns = rows.columns();
			this.jdbc
				.sql("""
						insert into accounts (id, email, display_name, password_hash, enabled, created_at, email_confirmed_at,
						                      marketing_consent)
						select a.id, a.email, a.name, ?, true, a.created, a.created, a.consent
						from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[])
						     as a(id, email, name, created, consent)
						""")
				.params(hash, columns[0], columns[1], columns[2], columns[3], columns[4])
				.update();
			this.jdbc.sql("insert into account_roles (account_id, role) select unnest(?::uuid[]), 'FAN'")
				.param(columns[0])
				.update();
		});
		rows.clear();
	}

	/**
	 * Two drops a month, on the 2nd and the 16th at 18:00 local time, all closed by now.
	 */
	private static List<Instant> openings(Place place, Instant start, Instant now) {
		List<Instant> openings = new ArrayList<>();
		LocalDate month = LocalDate.ofInstant(start, place.zone()).withDayOfMonth(1);
		while (!month.isAfter(LocalDate.ofInstant(now, place.zone()))) {
			for (int day : new int[] { 2, 16 }) {
				Instant at = ZonedDateTime.of(month.withDayOfMonth(day), LocalTime.of(18, 0), place.zone()).toInstant();
				if (at.isAfter(start) && at.isBefore(now.minus(Duration.ofDays(4)))) {
					openings.add(at);
				}
			}
			month = month.plusMonths(1);
		}
		return openings;
	}

	static String slug(String text, int max) {
		String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("(^-+|-+$)", "");
		plain = (plain.length() > max) ? plain.substring(0, max).replaceAll("-+$", "") : plain;
		return plain.isEmpty() ? "x" : plain;
	}

	/**
	 * What happens in one community, drop after drop: each fan's taste and habit decide
	 * whether they look, join the waitlist and try to buy; the stock decides who gets
	 * units.
	 */
	private final class Simulation {

		private final Place place;

		private final Random random;

		private final Faker faker;

		private final double eagerness;

		private final Map<UUID, Integer> storyLengths;

		private final Instant now;

		private final Map<UUID, Integer> bought = new HashMap<>();

		private final Rows drops = new Rows();

		private final Rows items = new Rows();

		private final Rows units = new Rows();

		private final Rows holds = new Rows();

		private final Rows orders = new Rows();

		private final Rows allowances = new Rows();

		private final Rows waitlists = new Rows();

		private final Rows entries = new Rows();

		private final Rows sellOuts = new Rows();

		private final List<PastView> views = new ArrayList<>();

		private final List<PastPickup> pickups = new ArrayList<>();

		private int number;

		private int orderCount;

		// Edition numbers belong to a SKU's run across its drops: the numbers each SKU
		// has sold (or that the shop's own drops hold), and the run that follows a sold
		// out one.
		private final Map<UUID, Set<Integer>> numbersTaken = new HashMap<>();

		private final Map<UUID, SkuSummary> currentRun = new HashMap<>();

		private final Map<UUID, Integer> pastRuns = new HashMap<>();

		private final Set<UUID> usedByTheShop = new HashSet<>();

		Simulation(Place place, Random random, Faker faker, double eagerness, Map<UUID, Integer> storyLengths,
				Instant now) {
			this.place = place;
			this.random = random;
			this.faker = faker;
			this.eagerness = eagerness;
			this.storyLengths = storyLengths;
			this.now = now;
		}

		void drop(Instant opensAt) {
			this.number++;
			UUID drop = UUID.randomUUID();
			String slug = this.place.slug() + PAST + String.format(Locale.ROOT, "%02d", this.number);
			Instant announceAt = opensAt.minus(Duration.ofDays(7));
			boolean waitlistOnly = this.random.nextDouble() < 0.25;
			Instant earlyAccessAt = waitlistOnly ? null
					: ((this.random.nextDouble() < 0.5) ? opensAt.minus(Duration.ofMinutes(30)) : null);
			Instant closesAt = opensAt.plus(Duration.ofDays(2));
			List<SkuSummary> skus = new ArrayList<>();
			SkuSummary lead = this.place.skus().get((this.number - 1) % this.place.skus().size());
			skus.add(runOf(lead));
			if (this.place.skus().size() > 1 && this.random.nextDouble() < 0.3) {
				skus.add(runOf(this.place.skus().get(this.number % this.place.skus().size())));
			}
			String title = lead.name() + " — run " + this.number;

			List<Intent> intents = new ArrayList<>();
			List<UUID> waitlisted = new ArrayList<>();
			double demand = 0;
			for (Member member : this.place.members()) {
				if (member.joinedAt().isAfter(announceAt)) {
					continue;
				}
				double taste = member.affinity();
				int habit = Math.min(3, this.bought.getOrDefault(member.fan(), 0));
				boolean viewed = this.random.nextDouble() < Math.min(0.95, 0.2 + 0.6 * taste + 0.08 * habit);
				boolean onWaitlist = this.random.nextDouble() < (viewed ? 0.1 + 0.5 * taste : 0.02);
				if (viewed) {
					view(drop, "fan:" + member.fan(), member.fan(), announceAt, opensAt, skus);
				}
				if (onWaitlist) {
					waitlisted.add(member.fan());
				}
				double wants = this.eagerness * (0.3 + 1.4 * taste) * (1 + 0.3 * habit) * (onWaitlist ? 1.4 : 1)
						* (viewed ? 1 : 0.25);
				if (waitlistOnly && !onWaitlist) {
					wants = 0;
				}
				wants = Math.min(0.95, wants);
				demand += wants;
				if (this.random.nextDouble() < wants) {
					Instant from = (onWaitlist && earlyAccessAt != null) ? earlyAccessAt : opensAt;
					double meanMinutes = 20 + 200 * (1 - taste);
					Instant at = from.plusSeconds((long) (-Math.log(1 - this.random.nextDouble()) * meanMinutes * 60));
					SkuSummary sku = skus.get(this.random.nextInt(skus.size()));
					intents.add(new Intent(member.fan(), sku, (this.random.nextDouble() < 0.85) ? 1 : 2, at,
							this.random.nextDouble() < 0.07));
				}
			}
			int anonymous = (int) Math.round(this.place.members().size() * 0.15 * (0.8 + this.random.nextDouble()));
			for (int i = 0; i < anonymous; i++) {
				byte[] key = new byte[12];
				this.random.nextBytes(key);
				view(drop, "anon:" + Base64.getUrlEncoder().withoutPadding().encodeToString(key), null, announceAt,
						opensAt, skus);
			}

			this.drops.add(drop, slug, title, this.place.id(), waitlistOnly ? "WAITLIST_ONLY" : "FIRST_COME",
					announceAt, earlyAccessAt, opensAt, closesAt);
			Map<UUID, UUID> itemOf = new LinkedHashMap<>();
			Map<UUID, Integer> quantityOf = new HashMap<>();
			Map<UUID, List<Integer>> numbersOf = new HashMap<>();
			Map<UUID, Integer> nextEdition = new HashMap<>();
			for (int position = 0; position < skus.size(); position++) {
				SkuSummary sku = skus.get(position);
				UUID item = UUID.randomUUID();
				// No more than the run has numbers left.
				List<Integer> numbers = freeNumbers(sku, Math.max(10,
						(int) Math.round(demand * 1.1 / skus.size() * (0.7 + 0.6 * this.random.nextDouble()))));
				itemOf.put(sku.id(), item);
				quantityOf.put(item, numbers.size());
				numbersOf.put(item, numbers);
				nextEdition.put(item, 0);
				this.items.add(item, drop, sku.id(), numbers.size(), 2, position);
			}

			Map<UUID, Map<Integer, UUID>> soldUnits = new HashMap<>();
			Map<String, Integer> taken = new LinkedHashMap<>();
			intents.sort(Comparator.comparing(Intent::at));
			int unitsLeft = quantityOf.values().stream().mapToInt(Integer::intValue).sum();
			for (Intent intent : intents) {
				UUID item = itemOf.get(intent.sku().id());
				int first = nextEdition.get(item);
				if (first + intent.quantity() > quantityOf.get(item) || !intent.at().isBefore(closesAt)) {
					continue;
				}
				List<Integer> editions = List.copyOf(numbersOf.get(item).subList(first, first + intent.quantity()));
				UUID hold = UUID.randomUUID();
				String array = editions.toString().replace('[', '{').replace(']', '}').replace(" ", "");
				if (intent.expires()) {
					this.holds.add(hold, item, intent.fan(), intent.quantity(), array, "EXPIRED",
							intent.at().plus(Duration.ofMinutes(10)), intent.at());
					continue;
				}
				nextEdition.put(item, first + intent.quantity());
				unitsLeft -= intent.quantity();
				if (unitsLeft == 0) {
					// The shop records the moment the last free unit is claimed.
					this.sellOuts.add(drop, intent.at());
				}
				editions.forEach(edition -> soldUnits.computeIfAbsent(item, key -> new HashMap<>()).put(edition, hold));
				Instant paidAt = intent.at().plusSeconds(60 + this.random.nextInt(400));
				this.holds.add(hold, item, intent.fan(), intent.quantity(), array, "ORDERED",
						intent.at().plus(Duration.ofMinutes(10)), intent.at());
				double method = this.random.nextDouble();
				String fulfilment = (method < 0.45) ? "PICKUP" : ((method < 0.7) ? "LOCAL_DELIVERY" : "SHIPPING");
				UUID order = UUID.randomUUID();
				this.orders.add(order, hold, intent.fan(), item, intent.quantity(), array,
						intent.sku().priceMinor() * intent.quantity(), intent.sku().currency(), fulfilment,
						switch (fulfilment) {
							case "PICKUP" -> HUBS[this.random.nextInt(HUBS.length)];
							case "LOCAL_DELIVERY" -> DELIVERING_HUBS[this.random.nextInt(DELIVERING_HUBS.length)];
							default -> null;
						}, "PICKUP".equals(fulfilment) ? null
								: this.faker.address().streetAddress() + ", " + this.faker.address().city(),
						paidAt);
				this.orderCount++;
				taken.merge(item + "|" + intent.fan(), intent.quantity(), Integer::sum);
				this.bought.merge(intent.fan(), 1, Integer::sum);
				Instant pickedUp = paidAt.plus(Duration.ofHours(20 + this.random.nextInt(60)));
				if ("PICKUP".equals(fulfilment) && this.random.nextDouble() < 0.88 && pickedUp.isBefore(this.now)) {
					this.pickups.add(new PastPickup(order, pickedUp));
				}
			}
			for (SkuSummary sku : skus) {
				UUID item = itemOf.get(sku.id());
				Map<Integer, UUID> sold = soldUnits.getOrDefault(item, Map.of());
				for (int edition : numbersOf.get(item)) {
					UUID hold = sold.get(edition);
					this.units.add(item, edition, hold, hold != null);
				}
				// Sold numbers are the buyers' for good; the unsold pieces of the closed
				// run keep theirs for a later drop.
				this.numbersTaken.get(sku.id()).addAll(sold.keySet());
			}
			taken.forEach((key, quantity) -> {
				String[] parts = key.split("\\|");
				this.allowances.add(UUID.fromString(parts[0]), UUID.fromString(parts[1]), quantity);
			});
			if (!waitlisted.isEmpty()) {
				Instant invitedAt = (earlyAccessAt != null) ? earlyAccessAt : opensAt;
				this.waitlists.add(drop, slug, waitlisted.size(), invitedAt, waitlisted.size(), announceAt);
				List<Instant> joins = new ArrayList<>();
				for (int i = 0; i < waitlisted.size(); i++) {
					joins.add(announceAt.plusSeconds(
							(long) (this.random.nextDouble() * Duration.between(announceAt, opensAt).toSeconds())));
				}
				joins.sort(Comparator.naturalOrder());
				for (int i = 0; i < waitlisted.size(); i++) {
					this.entries.add(drop, waitlisted.get(i), i + 1L, joins.get(i));
				}
			}
		}

		/**
		 * The run of a SKU the next drop sells: the SKU itself, or a past run of it (a
		 * SKU of its own, as a shop would make one) once its numbered run has too few
		 * numbers left for a drop, or from the start when the shop's own drops use its
		 * numbers (the demo's numbered SKUs keep theirs for its coming drops).
		 */
		private SkuSummary runOf(SkuSummary original) {
			SkuSummary current = this.currentRun.getOrDefault(original.id(), original);
			taken(original);
			boolean usedByTheShop = current == original && this.usedByTheShop.contains(original.id());
			if (current.editionSize() != null
					&& (usedByTheShop || freeNumbers(current, MIN_RUN_LEFT).size() < MIN_RUN_LEFT)) {
				int run = this.pastRuns.merge(original.id(), 1, Integer::sum);
				String slug = original.slug().substring(0, Math.min(original.slug().length(), 50)).replaceAll("-+$", "")
						+ "-past-" + run;
				Sku sku = HistoryGenerator.this.catalog.create(slug,
						new SkuDetails(original.name() + " (past run " + run + ")",
								Money.of(original.priceMinor(), original.currency()), original.editionSize(), null,
								null));
				current = new SkuSummary(sku.id().value(), sku.slug(), sku.name(), original.priceMinor(),
						original.currency(), original.editionSize());
				this.currentRun.put(original.id(), current);
			}
			return current;
		}

		/** The lowest numbers of a SKU's run nobody holds, at most {@code count}. */
		private List<Integer> freeNumbers(SkuSummary sku, int count) {
			Set<Integer> taken = taken(sku);
			List<Integer> free = new ArrayList<>();
			for (int n = 1; free.size() < count && (sku.editionSize() == null || n <= sku.editionSize()); n++) {
				if (!taken.contains(n)) {
					free.add(n);
				}
			}
			return free;
		}

		/**
		 * The numbers of a SKU's run taken so far: first those of the shop's own drops,
		 * then the history's sales.
		 */
		private Set<Integer> taken(SkuSummary sku) {
			return this.numbersTaken.computeIfAbsent(sku.id(), id -> {
				Set<Integer> shops = new HashSet<>(HistoryGenerator.this.jdbc.sql(
						"select u.edition from drop_units u join drop_items i on i.id = u.drop_item_id where i.sku_id = ?")
					.param(id)
					.query(Integer.class)
					.list());
				if (!shops.isEmpty()) {
					this.usedByTheShop.add(id);
				}
				return shops;
			});
		}

		/** A visit to the drop's page, and for most the story block last in view. */
		private void view(UUID drop, String visitor, UUID fan, Instant announceAt, Instant opensAt,
				List<SkuSummary> skus) {
			long window = Duration.between(announceAt, opensAt.plus(Duration.ofHours(6))).toSeconds();
			Instant first = announceAt.plusSeconds((long) (this.random.nextDouble() * window));
			int times = 1 + (int) Math.floor(-Math.log(1 - this.random.nextDouble()) * 1.2);
			UUID lastSku = null;
			Integer lastBlock = null;
			if (this.random.nextDouble() < 0.7) {
				SkuSummary sku = skus.get((skus.size() > 1 && this.random.nextDouble() < 0.3) ? 1 : 0);
				int blocks = this.storyLengths.getOrDefault(sku.id(), 0);
				if (blocks > 0) {
					lastSku = sku.id();
					int block = 0;
					while (block < blocks - 1 && this.random.nextDouble() < 0.62) {
						block++;
					}
					lastBlock = block;
				}
			}
			Instant last = first.plusSeconds((times - 1) * (long) (this.random.nextDouble() * 7200));
			this.views.add(new PastView(drop, visitor, (fan != null) ? new AccountId(fan) : null, first, last, times,
					lastSku, lastBlock));
		}

		void write() {
			insert(this.drops,
					"""
							insert into drops (id, slug, title, community_id, access_mode, announce_at, early_access_at, opens_at,
							                   closes_at, hold_minutes, scheduled, created_at)
							select d.id, d.slug, d.title, d.community, d.mode, d.announce, d.early, d.opens, d.closes, 10, true,
							       d.announce - interval '3 days'
							from unnest(?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::timestamptz[], ?::timestamptz[],
							            ?::timestamptz[], ?::timestamptz[])
							     as d(id, slug, title, community, mode, announce, early, opens, closes)
							""");
			insert(this.items, """
					insert into drop_items (id, drop_id, sku_id, quantity, per_fan_limit, position)
					select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::int[], ?::int[], ?::int[])
					""");
			insert(this.sellOuts, """
					insert into drop_sell_outs (drop_id, sold_out_at)
					select * from unnest(?::uuid[], ?::timestamptz[])
					""");
			insert(this.holds, """
					insert into reservations (id, drop_item_id, account_id, quantity, editions, status, expires_at,
					                          created_at, channel)
					select r.id, r.item, r.fan, r.quantity, r.editions::int[], r.status, r.expires, r.created,
					       case when r.created < d.opens_at then 'EARLY_ACCESS'
					            when d.access_mode = 'WAITLIST_ONLY' then 'WAITLIST' else 'PUBLIC' end
					from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::int[], ?::text[], ?::text[], ?::timestamptz[],
					            ?::timestamptz[]) as r(id, item, fan, quantity, editions, status, expires, created)
					join drop_items i on i.id = r.item join drops d on d.id = i.drop_id
					""");
			insert(this.units, """
					insert into drop_units (drop_item_id, edition, reservation_id, sold)
					select * from unnest(?::uuid[], ?::int[], ?::uuid[], ?::boolean[])
					""");
			insert(this.orders, """
					insert into orders (id, number, reservation_id, account_id, drop_item_id, quantity, editions,
					                    total_minor, currency, status, fulfilment_method, fulfilment_hub,
					                    fulfilment_address, payment_provider, payment_reference, created_at)
					select o.id, 'D-' || nextval('order_numbers'), o.hold, o.fan, o.item, o.quantity, o.editions::int[],
					       o.total, o.currency, 'PAID', o.method, o.hub, o.address, 'demo — no money moves',
					       'demo-history-' || o.id, o.created
					from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::int[], ?::text[], ?::bigint[], ?::text[],
					            ?::text[], ?::text[], ?::text[], ?::timestamptz[])
					     as o(id, hold, fan, item, quantity, editions, total, currency, method, hub, address, created)
					""");
			insert(this.allowances, """
					insert into fan_allowances (drop_item_id, account_id, taken)
					select * from unnest(?::uuid[], ?::uuid[], ?::int[])
					""");
			insert(this.waitlists,
					"""
							insert into waitlists (drop_id, drop_slug, last_sequence, invited_at, invitees, created_at)
							select * from unnest(?::uuid[], ?::text[], ?::bigint[], ?::timestamptz[], ?::int[], ?::timestamptz[])
							""");
			insert(this.entries, """
					insert into waitlist_entries (drop_id, account_id, sequence, joined_at)
					select * from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::timestamptz[])
					""");
		}

		private void insert(Rows rows, String sql) {
			for (int from = 0; from < rows.size(); from += BATCH) {
				HistoryGenerator.this.jdbc.sql(sql)
					.params(rows.slice(from, Math.min(rows.size(), from + BATCH)).columns())
					.update();
			}
		}

	}

	/**
	 * Rows gathered column by column, written with one {@code unnest} per batch.
	 */
	private static final class Rows {

		private final List<Object[]> rows = new ArrayList<>();

		void add(Object... values) {
			this.rows.add(values);
		}

		int size() {
			return this.rows.size();
		}

		void clear() {
			this.rows.clear();
		}

		Rows slice(int from, int to) {
			Rows slice = new Rows();
			slice.rows.addAll(this.rows.subList(from, to));
			return slice;
		}

		/**
		 * Each column as an array of texts (PostgreSQL casts them), {@code null} kept.
		 */
		Object[] columns() {
			int width = this.rows.get(0).length;
			Object[] columns = new Object[width];
			for (int column = 0; column < width; column++) {
				int index = column;
				columns[column] = this.rows.stream()
					.map(row -> row[index])
					.map(value -> Objects.toString(value, null))
					.toArray(String[]::new);
			}
			return columns;
		}

	}

	private record Place(UUID id, String slug, String name, ZoneId zone, List<SkuSummary> skus, List<Member> members) {
	}

	private record SkuSummary(UUID id, String slug, String name, long priceMinor, String currency,
			Integer editionSize) {
	}

	private record Member(UUID fan, Instant joinedAt, double affinity) {
	}

	private record Fan(UUID id) {
	}

	private record Intent(UUID fan, SkuSummary sku, int quantity, Instant at, boolean expires) {
	}

	private static final class Totals {

		int drops;

		int orders;

		int views;

		void add(Simulation simulation) {
			this.drops += simulation.number;
			this.orders += simulation.orderCount;
			this.views += simulation.views.size();
		}

	}

	/**
	 * What was made.
	 *
	 * @param communities communities with a history
	 * @param fans fans made
	 * @param drops past drops
	 * @param orders orders
	 * @param views story page visitors
	 * @param took how long it took
	 */
	record Report(int communities, int fans, int drops, int orders, int views, Duration took) {
	}

}
