package io.microdrops.hooks;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.microdrops.web.PublicUrls;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns an event into the body a hook receives: Drops' own JSON, or for a Discord channel
 * webhook an embed Discord shows (title, picture, times, link).
 */
@Component
class HookPayloads {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Drops' accent colour, as Discord wants it: an RGB integer. */
	private static final int COLOUR = 0x5B3F8C;

	private final PublicUrls urls;

	HookPayloads(PublicUrls urls) {
		this.urls = urls;
	}

	/**
	 * Tells whether an address is a Discord channel webhook.
	 * @param url the hook's address
	 * @return {@code true} for {@code https://discord.com/api/webhooks/…} (and the older
	 * discordapp.com)
	 */
	static boolean isDiscord(String url) {
		try {
			URI uri = URI.create(url.strip());
			String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
			return "https".equalsIgnoreCase(uri.getScheme())
					&& (host.equals("discord.com") || host.equals("discordapp.com") || host.endsWith(".discord.com"))
					&& uri.getPath() != null && uri.getPath().startsWith("/api/webhooks/");
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	String generic(HookEvent event) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", event.type());
		body.put("occurredAt", text(event.occurredAt()));
		HookEvent.DropFacts drop = event.drop();
		body.put("community", Map.of("slug", drop.communitySlug(), "name", drop.communityName()));
		Map<String, Object> dropJson = new LinkedHashMap<>();
		dropJson.put("slug", drop.slug());
		dropJson.put("title", drop.title());
		dropJson.put("url", dropUrl(drop));
		dropJson.put("announceAt", text(drop.announceAt()));
		dropJson.put("earlyAccessAt", text(drop.earlyAccessAt()));
		dropJson.put("opensAt", text(drop.opensAt()));
		dropJson.put("closesAt", text(drop.closesAt()));
		dropJson.put("image", imageUrl(drop));
		body.put("drop", dropJson);
		if (event.order() != null) {
			HookEvent.OrderFacts order = event.order();
			Map<String, Object> orderJson = new LinkedHashMap<>();
			orderJson.put("number", order.number());
			orderJson.put("item", order.skuName());
			orderJson.put("editions", order.editions());
			orderJson.put("total", major(order.totalMinor(), order.currency()));
			orderJson.put("currency", order.currency());
			if (order.returned() != null) {
				orderJson.put("returned", order.returned());
			}
			body.put("order", orderJson);
		}
		return JSON.writeValueAsString(body);
	}

	String discord(HookEvent event) {
		HookEvent.DropFacts drop = event.drop();
		Map<String, Object> embed = new LinkedHashMap<>();
		embed.put("title", clip(drop.title(), 256));
		embed.put("description", clip(headline(event), 4096));
		embed.put("url", dropUrl(drop));
		embed.put("color", COLOUR);
		embed.put("timestamp", text(event.occurredAt()));
		String image = imageUrl(drop);
		if (image != null) {
			embed.put("image", Map.of("url", image));
		}
		List<Map<String, Object>> fields = new ArrayList<>();
		if (drop.earlyAccessAt() != null) {
			fields.add(field("Early access", drop.earlyAccessAt()));
		}
		fields.add(field("Opens", drop.opensAt()));
		fields.add(field("Closes", drop.closesAt()));
		embed.put("fields", fields);
		embed.put("footer", Map.of("text", clip(drop.communityName(), 2048)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", "Drops");
		body.put("embeds", List.of(embed));
		// Never let a drop title ping @everyone or a role.
		body.put("allowed_mentions", Map.of("parse", List.of()));
		return JSON.writeValueAsString(body);
	}

	private static String headline(HookEvent event) {
		String community = event.drop().communityName();
		return switch (event.type()) {
			case HookEvents.ANNOUNCED -> "A new drop for " + community + " is announced.";
			case HookEvents.EARLY_ACCESS -> "Early access has started for waitlist members.";
			case HookEvents.LIVE -> "The drop is live: everyone may buy now.";
			case HookEvents.SOLD_OUT -> "Sold out: every unit is taken.";
			case HookEvents.CLOSED -> "The drop has closed.";
			case HookEvents.PING -> "A test message from Drops: this channel will get " + community + "'s drops.";
			default -> event.type();
		};
	}

	// Discord shows <t:…:F> as a full date and time in each reader's own time zone.
	private static Map<String, Object> field(String name, Instant at) {
		return Map.of("name", name, "value", "<t:" + at.getEpochSecond() + ":F>", "inline", true);
	}

	private String dropUrl(HookEvent.DropFacts drop) {
		return this.urls.absolute("/drops/" + drop.slug());
	}

	private String imageUrl(HookEvent.DropFacts drop) {
		return (drop.imageKey() != null) ? this.urls.absolute("/media/" + drop.imageKey()) : null;
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	private static String major(long minor, String currency) {
		return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits()).toPlainString();
	}

	private static String clip(String text, int length) {
		return (text.length() > length) ? text.substring(0, length - 1) + "…" : text;
	}

}
