package io.microdrops.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.drop.WaitingRoomSettings;
import io.microdrops.shared.Money;
import io.microdrops.shared.Slug;
import io.microdrops.web.SignedInUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The merchandisers' part of the API: communities, SKUs, drops and scheduling.
 */
@RestController
@RequestMapping("/api/v1/admin")
class AdminApi {

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final DropManagement drops;

	AdminApi(CommunityManagement communities, CatalogManagement catalog, DropManagement drops) {
		this.communities = communities;
		this.catalog = catalog;
		this.drops = drops;
	}

	@PostMapping("/communities")
	@ResponseStatus(HttpStatus.CREATED)
	CommunityJson createCommunity(@Valid @RequestBody CommunityRequest request) {
		Community community = this.communities.create(request.slug(),
				new CommunityDetails(request.name(), (request.description() != null) ? request.description() : "",
						request.homeChannelName(), request.homeChannelUrl(),
						(request.targetSize() != null) ? request.targetSize() : 500, zone(request.timeZone()),
						(request.minGapDays() != null) ? request.minGapDays() : 7,
						(request.maxDropsPer30Days() != null) ? request.maxDropsPer30Days() : 4));
		return CommunityJson.of(community);
	}

	@PostMapping("/skus")
	@ResponseStatus(HttpStatus.CREATED)
	SkuJson createSku(@Valid @RequestBody SkuRequest request) {
		Sku sku = this.catalog.create(request.slug(),
				new SkuDetails(request.name(), Money.of(request.priceMinor(), request.currency()),
						request.editionSize(), request.makerName(), request.makerBio()));
		return SkuJson.of(sku);
	}

	@PostMapping("/drops")
	@ResponseStatus(HttpStatus.CREATED)
	DropJson createDrop(@Valid @RequestBody DropRequest request) {
		Community community = this.communities.require(request.community());
		List<NewDropItem> items = request.items()
			.stream()
			.map(item -> new NewDropItem(this.catalog.require(item.sku()).id(), item.quantity(), item.perFanLimit()))
			.toList();
		DropPlan plan = new DropPlan(request.title(), community.id(), request.accessMode(),
				new Timeline(request.announceAt(), request.earlyAccessAt(), request.opensAt(), request.closesAt()),
				(request.holdMinutes() != null) ? request.holdMinutes() : DropPlan.DEFAULT_HOLD_MINUTES,
				request.preorderThreshold(), request.preorderDeadline(), items);
		// With its waiting room in the same transaction: a refused one leaves no draft.
		this.drops.createDraft(request.slug(), plan, (request.waitingRoom() != null)
				? new WaitingRoomSettings(true, request.waitingRoom().fansPerMinute()) : WaitingRoomSettings.OFF);
		return DropJson.of(this.drops.view(request.slug()));
	}

	@PostMapping("/drops/{slug}/schedule")
	DropJson schedule(@PathVariable String slug, @RequestBody(required = false) ScheduleRequest request,
			@AuthenticationPrincipal SignedInUser user) {
		this.drops.schedule(slug, new DropManagement.Scheduler(user.accountId(), user.isAdmin()),
				(request != null) ? request.overrideReason() : null);
		return DropJson.of(this.drops.view(slug));
	}

	private static ZoneId zone(String id) {
		if (id == null || id.isBlank()) {
			return ZoneId.of("UTC");
		}
		try {
			return ZoneId.of(id);
		}
		catch (java.time.DateTimeException ex) {
			throw new IllegalArgumentException("Unknown time zone: " + id);
		}
	}

	record CommunityRequest(
			@NotBlank @Pattern(regexp = Slug.PATTERN, message = "{slug.invalid}") @Size(min = 2,
					max = Slug.MAX_LENGTH) String slug,
			@NotBlank @Size(max = 120) String name, @Size(max = 2000) String description,
			@Size(max = 120) String homeChannelName,
			@Size(max = 500) @Pattern(regexp = "^https?://\\S+$", message = "{url.invalid}") String homeChannelUrl,
			@Min(1) @Max(1000000) Integer targetSize, String timeZone, @Min(0) @Max(365) Integer minGapDays,
			@Min(1) @Max(31) Integer maxDropsPer30Days) {
	}

	record CommunityJson(String slug, String name, String description, String timeZone, int targetSize) {

		static CommunityJson of(Community community) {
			CommunityDetails details = community.details();
			return new CommunityJson(community.slug(), details.name(), details.description(),
					details.timeZone().getId(), details.targetSize());
		}

	}

	record SkuRequest(
			@NotBlank @Pattern(regexp = Slug.PATTERN, message = "{slug.invalid}") @Size(min = 2,
					max = Slug.MAX_LENGTH) String slug,
			@NotBlank @Size(max = 120) String name, @NotNull @Min(0) @Max(100_000_000) Long priceMinor,
			@NotBlank @Pattern(regexp = "^[A-Z]{3}$", message = "{currency.invalid}") String currency,
			@Min(1) @Max(1_000_000) Integer editionSize, @Size(max = 120) String makerName,
			@Size(max = 1000) String makerBio) {
	}

	record SkuJson(String slug, String name, long priceMinor, String currency, Integer editionSize, String status) {

		static SkuJson of(Sku sku) {
			return new SkuJson(sku.slug(), sku.name(), sku.price().minor(), sku.price().currency().getCurrencyCode(),
					sku.editionSize(), sku.status().name());
		}

	}

	record DropRequest(
			@NotBlank @Pattern(regexp = Slug.PATTERN, message = "{slug.invalid}") @Size(min = 2,
					max = Slug.MAX_LENGTH) String slug,
			@NotBlank @Size(max = 160) String title, @NotBlank String community, @NotNull AccessMode accessMode,
			@NotNull Instant announceAt, Instant earlyAccessAt, @NotNull Instant opensAt, @NotNull Instant closesAt,
			@Min(1) @Max(60) Integer holdMinutes, @Min(1) Integer preorderThreshold,
			@NotEmpty @Size(max = 20) List<@Valid ItemRequest> items, Instant preorderDeadline,
			@Valid WaitingRoomRequest waitingRoom) {
	}

	/**
	 * A waiting room for the drop: fans admitted per minute, or none for automatic
	 * admission (the units free less the admissions still open).
	 */
	record WaitingRoomRequest(@Min(1) @Max(WaitingRoomSettings.MAX_FANS_PER_MINUTE) Integer fansPerMinute) {
	}

	record ItemRequest(@NotBlank String sku, @Min(1) @Max(1_000_000) int quantity,
			@Min(1) @Max(1_000_000) int perFanLimit) {
	}

	record ScheduleRequest(@Size(max = 500) String overrideReason) {
	}

}
