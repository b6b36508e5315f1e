package io.microdrops.drop;

import java.io.Serializable;
import java.util.UUID;

/**
 * Identifies a {@link Drop}; other modules refer to drops by this id.
 *
 * @param value the id
 */
public record DropId(UUID value) implements Serializable {
}
