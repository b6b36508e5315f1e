package io.microdrops.fulfilment;

import java.util.List;
import java.util.Locale;

/**
 * Where a hub delivers locally: to postcodes starting with one of its prefixes, or to
 * points within a radius of the hub. A hub with neither does not deliver.
 *
 * @param postcodePrefixes postcode prefixes, upper case without spaces, e.g. {@code M1},
 * {@code M4}, {@code LS6}
 * @param radiusKm the radius around the hub's coordinates, or {@code null}
 */
public record DeliveryArea(List<String> postcodePrefixes, Double radiusKm) {

	private static final double EARTH_RADIUS_KM = 6371.0088;

	/** An area that covers nothing. */
	public static final DeliveryArea NONE = new DeliveryArea(List.of(), null);

	/**
	 * Creates an area, normalising the prefixes.
	 * @param postcodePrefixes the prefixes
	 * @param radiusKm the radius, or {@code null}
	 */
	public DeliveryArea {
		postcodePrefixes = (postcodePrefixes != null) ? postcodePrefixes.stream()
			.map(prefix -> prefix.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT))
			.filter(prefix -> !prefix.isEmpty())
			.distinct()
			.toList() : List.of();
	}

	/**
	 * Parses prefixes written the way people write them: separated by commas, semicolons
	 * or new lines.
	 * @param text the prefixes, e.g. {@code "M1, M4, LS6 1"}
	 * @param radiusKm the radius, or {@code null}
	 * @return the area
	 */
	public static DeliveryArea of(String text, Double radiusKm) {
		List<String> prefixes = (text != null) ? List.of(text.split("[,;\\n]+")) : List.of();
		return new DeliveryArea(prefixes, radiusKm);
	}

	/**
	 * Tells whether the hub delivers at all.
	 * @return {@code true} with prefixes or a radius
	 */
	public boolean delivers() {
		return !this.postcodePrefixes.isEmpty() || this.radiusKm != null;
	}

	/**
	 * Tells whether a delivery address lies inside the area: its postcode starts with a
	 * prefix, or its point lies within the radius of the hub.
	 * <p>
	 * A prefix without a space is an area or district: {@code LS} covers every Leeds
	 * postcode, {@code M1} covers {@code M1 1AE} but not {@code M14 5AB}. A prefix with a
	 * space reaches into the inward code: {@code M1 1} is a sector, {@code S1 2HE} one
	 * postcode.
	 * @param postcode the postcode, in any spacing and case, or {@code null}
	 * @param point the delivery point, or {@code null}
	 * @param hub the hub's own point, or {@code null}
	 * @return {@code true} when inside
	 */
	public boolean covers(String postcode, GeoPoint point, GeoPoint hub) {
		if (postcode != null && !postcode.isBlank()) {
			Postcode parsed = Postcode.parse(postcode);
			for (String prefix : this.postcodePrefixes) {
				if (parsed.startsWith(prefix)) {
					return true;
				}
			}
		}
		return this.radiusKm != null && point != null && hub != null && distanceKm(hub, point) <= this.radiusKm;
	}

	/**
	 * Returns the prefixes as people write them.
	 * @return the prefixes joined by a comma and a space
	 */
	public String prefixesText() {
		return String.join(", ", this.postcodePrefixes);
	}

	/**
	 * The great-circle distance between two points (haversine).
	 * @param a one point
	 * @param b the other
	 * @return the distance in kilometres
	 */
	static double distanceKm(GeoPoint a, GeoPoint b) {
		double lat1 = Math.toRadians(a.latitude());
		double lat2 = Math.toRadians(b.latitude());
		double dLat = lat2 - lat1;
		double dLon = Math.toRadians(b.longitude() - a.longitude());
		double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
		return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
	}

	/**
	 * A postcode split into its outward code (area and district, {@code M1}) and its
	 * inward code ({@code 1AE}).
	 */
	private record Postcode(String outward, String inward) {

		static Postcode parse(String text) {
			String compact = text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
			// A UK inward code is a digit and two letters; without one, the whole text
			// is the outward part.
			if (compact.length() >= 5 && compact.substring(compact.length() - 3).matches("[0-9][A-Z]{2}")) {
				return new Postcode(compact.substring(0, compact.length() - 3),
						compact.substring(compact.length() - 3));
			}
			String[] parts = text.strip().toUpperCase(Locale.ROOT).split("\\s+", 2);
			return new Postcode(parts[0], (parts.length > 1) ? parts[1].replaceAll("\\s+", "") : "");
		}

		boolean startsWith(String prefix) {
			if (prefix.contains(" ")) {
				return (this.outward + " " + this.inward).startsWith(prefix);
			}
			if (prefix.length() > this.outward.length()) {
				return (this.outward + this.inward).startsWith(prefix);
			}
			if (!this.outward.startsWith(prefix)) {
				return false;
			}
			// "M1" must not cover "M14": a prefix ending in a digit covers that district
			// only.
			return prefix.length() == this.outward.length() || !(Character.isDigit(prefix.charAt(prefix.length() - 1))
					&& Character.isDigit(this.outward.charAt(prefix.length())));
		}

	}

}
