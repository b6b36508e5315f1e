package io.microdrops.admin.community;

import java.time.ZoneId;

import io.microdrops.community.Community;
import io.microdrops.community.CommunityDetails;
import io.microdrops.shared.Slug;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The community form as typed.
 */
record CommunityForm(
		@NotBlank(message = "{form.required}") @Pattern(regexp = Slug.PATTERN, message = "{slug.invalid}") @Size(
				min = 2, max = Slug.MAX_LENGTH, message = "{slug.invalid}") String slug,
		@NotBlank(message = "{form.required}") @Size(max = 120, message = "{form.too-long}") String name,
		@NotBlank(message = "{form.required}") @Size(max = 2000, message = "{form.too-long}") String description,
		@Size(max = 120, message = "{form.too-long}") String homeChannelName,
		@Size(max = 500, message = "{form.too-long}") @Pattern(regexp = "^$|^https?://\\S+$",
				message = "{url.invalid}") String homeChannelUrl,
		@NotNull(message = "{form.required}") @Min(value = 1, message = "{community.target-size.range}") @Max(
				value = 1_000_000, message = "{community.target-size.range}") Integer targetSize,
		@NotBlank(message = "{form.required}") String timeZone,
		@NotNull(message = "{form.required}") @Min(value = 0, message = "{community.min-gap.range}") @Max(value = 365,
				message = "{community.min-gap.range}") Integer minGapDays,
		@NotNull(message = "{form.required}") @Min(value = 1, message = "{community.max-per-30.range}") @Max(value = 31,
				message = "{community.max-per-30.range}") Integer maxDropsPer30Days) {

	static CommunityForm empty() {
		return new CommunityForm("", "", "", "", "", 500, "Europe/London", 7, 4);
	}

	static CommunityForm of(Community community) {
		CommunityDetails details = community.details();
		return new CommunityForm(community.slug(), details.name(), details.description(), details.homeChannelName(),
				details.homeChannelUrl(), details.targetSize(), details.timeZone().getId(), details.minGapDays(),
				details.maxDropsPer30Days());
	}

	boolean hasValidZone() {
		return this.timeZone != null && ZoneId.getAvailableZoneIds().contains(this.timeZone);
	}

	CommunityDetails details() {
		return new CommunityDetails(this.name, this.description, this.homeChannelName, this.homeChannelUrl,
				this.targetSize, ZoneId.of(this.timeZone), this.minGapDays, this.maxDropsPer30Days);
	}

}
