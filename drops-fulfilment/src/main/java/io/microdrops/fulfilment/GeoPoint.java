package io.microdrops.fulfilment;

/**
 * A point on the earth.
 *
 * @param latitude degrees north, -90 to 90
 * @param longitude degrees east, -180 to 180
 */
public record GeoPoint(double latitude, double longitude) {

	/**
	 * Creates a point.
	 * @param latitude degrees north
	 * @param longitude degrees east
	 * @throws IllegalArgumentException when out of range
	 */
	public GeoPoint {
		if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
			throw new IllegalArgumentException("Not a point on the earth");
		}
	}

	/**
	 * Returns the point when both coordinates are known.
	 * @param latitude degrees north, or {@code null}
	 * @param longitude degrees east, or {@code null}
	 * @return the point, or {@code null}
	 */
	static GeoPoint ofNullable(Double latitude, Double longitude) {
		return (latitude != null && longitude != null) ? new GeoPoint(latitude, longitude) : null;
	}

}
