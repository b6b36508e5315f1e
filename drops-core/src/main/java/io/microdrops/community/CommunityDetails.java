package io.microdrops.community;

import java.time.ZoneId;

/**
 * What a merchandiser says about a community.
 *
 * @param name the name shown to fans
 * @param description one paragraph on what the community is about
 * @param homeChannelName where the community lives, e.g. "Keycap Collectors Discord"
 * @param homeChannelUrl the address of that channel, or {@code null}
 * @param targetSize how many active fans the community aims at (200–1,000 typical)
 * @param timeZone the zone drops are planned in and shown in
 * @param minGapDays the fatigue guard's minimum days between two drops' openings
 * @param maxDropsPer30Days the fatigue guard's most drops opening in any 30 days
 */
public record CommunityDetails(String name, String description, String homeChannelName, String homeChannelUrl,
		int targetSize, ZoneId timeZone, int minGapDays, int maxDropsPer30Days) {
}
