package io.microdrops.community;

import java.io.Serializable;
import java.util.UUID;

/**
 * Identifies a {@link Community}; other modules refer to communities by this id.
 *
 * @param value the id
 */
public record CommunityId(UUID value) implements Serializable {
}
