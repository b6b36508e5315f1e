package io.microdrops.fulfilment;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryAreaTests {

	static final GeoPoint MANCHESTER_HUB = new GeoPoint(53.4839, -2.2359);

	@Test
	void aDistrictPrefixCoversItsDistrictOnly() {
		DeliveryArea area = DeliveryArea.of("M1, M4", null);

		assertThat(area.covers("M1 1AE", null, null)).isTrue();
		assertThat(area.covers("m11ae", null, null)).isTrue();
		assertThat(area.covers("M4 5JD", null, null)).isTrue();
		assertThat(area.covers("M14 5AB", null, null)).isFalse();
		assertThat(area.covers("M41 0AA", null, null)).isFalse();
		assertThat(area.covers("LS1 4AP", null, null)).isFalse();
	}

	@Test
	void anAreaPrefixCoversEveryDistrictOfTheArea() {
		DeliveryArea area = DeliveryArea.of("LS", null);

		assertThat(area.covers("LS1 4AP", null, null)).isTrue();
		assertThat(area.covers("LS27 0BN", null, null)).isTrue();
		assertThat(area.covers("L1 8JQ", null, null)).isFalse();
	}

	@Test
	void aFullPostcodeOrSectorCoversOnlyThatPart() {
		DeliveryArea area = DeliveryArea.of("M1 1, S1 2HE", null);

		assertThat(area.postcodePrefixes()).containsExactly("M1 1", "S1 2HE");
		assertThat(area.covers("M1 1AE", null, null)).isTrue();
		assertThat(area.covers("M1 2AB", null, null)).isFalse();
		assertThat(area.covers("M11 1AA", null, null)).isFalse();
		assertThat(area.covers("S1 2HE", null, null)).isTrue();
		assertThat(area.covers("S1 2HF", null, null)).isFalse();
	}

	@Test
	void aRadiusCoversPointsWithinItsDistanceOfTheHub() {
		DeliveryArea area = new DeliveryArea(List.of(), 5.0);

		// Salford Quays, about 3.5 km away; Stockport, about 10 km away.
		assertThat(area.covers(null, new GeoPoint(53.4722, -2.2935), MANCHESTER_HUB)).isTrue();
		assertThat(area.covers(null, new GeoPoint(53.4106, -2.1575), MANCHESTER_HUB)).isFalse();
		assertThat(area.covers("M1 1AE", null, MANCHESTER_HUB)).isFalse();
		assertThat(area.covers(null, new GeoPoint(53.4722, -2.2935), null)).isFalse();
	}

	@Test
	void measuresDistancesOnTheEarth() {
		// Manchester to Leeds is about 58 km as the crow flies.
		assertThat(DeliveryArea.distanceKm(MANCHESTER_HUB, new GeoPoint(53.7997, -1.5492))).isBetween(55.0, 60.0);
		assertThat(DeliveryArea.distanceKm(MANCHESTER_HUB, MANCHESTER_HUB)).isZero();
	}

	@Test
	void anAreaWithoutPrefixesOrRadiusDeliversNowhere() {
		assertThat(DeliveryArea.of("  ", null).delivers()).isFalse();
		assertThat(DeliveryArea.NONE.covers("M1 1AE", MANCHESTER_HUB, MANCHESTER_HUB)).isFalse();
	}

}
