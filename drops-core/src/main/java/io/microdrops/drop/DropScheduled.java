package io.microdrops.drop;

import java.time.Instant;

import io.microdrops.community.CommunityId;

/**
 * A drop was scheduled: from now on it follows its timeline.
 *
 * @param drop the drop
 * @param community its community
 * @param slug its slug
 * @param announceAt when it will be announced
 * @param opensAt when it will open
 */
public record DropScheduled(DropId drop, CommunityId community, String slug, Instant announceAt, Instant opensAt) {
}
