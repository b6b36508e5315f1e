package io.microdrops.cadence;

import java.io.Serializable;
import java.util.UUID;

/**
 * Identifies a {@link Cadence}; drops created by it carry this id.
 *
 * @param value the id
 */
public record CadenceId(UUID value) implements Serializable {
}
