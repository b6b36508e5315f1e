package io.microdrops.drop;

import java.time.Instant;

import io.microdrops.community.CommunityId;

/**
 * A drop opened: from now on everyone its access mode allows may buy. Published once per
 * drop, by whichever node claimed the opening first, once any pre-order validation has
 * ended; not for a drop that opened more than {@link DropOpenings#LATEST} ago when first
 * noticed.
 *
 * @param drop the drop
 * @param community its community
 * @param slug its slug
 * @param accessMode who may buy
 * @param opensAt when it opened
 */
public record DropOpened(DropId drop, CommunityId community, String slug, AccessMode accessMode, Instant opensAt) {
}
