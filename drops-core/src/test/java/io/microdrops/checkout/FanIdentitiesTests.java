package io.microdrops.checkout;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FanIdentitiesTests {

	@Test
	void writesOneAddressTypedInDifferentWaysTheSameWay() {
		assertThat(FanIdentities.normaliseAddress("12 Rose Street, Flat 2, Leeds LS1 4AB"))
			.isEqualTo(FanIdentities.normaliseAddress("12 rose st. flat 2 leeds ls1 4ab"))
			.isEqualTo(FanIdentities.normaliseAddress("  12  ROSE STREET -- Apartment 2\n Leeds  LS1-4AB "))
			.isEqualTo("12 rose st apt 2 leeds ls1 4ab");
	}

	@Test
	void dropsAccentsAndJoinsAHouseNumberWithItsLetter() {
		assertThat(FanIdentities.normaliseAddress("Königstraße 12 b, München"))
			.isEqualTo(FanIdentities.normaliseAddress("Konigstrasse 12B Munchen"));
	}

	@Test
	void keepsDifferentAddressesApart() {
		assertThat(FanIdentities.normaliseAddress("12 Rose Street"))
			.isNotEqualTo(FanIdentities.normaliseAddress("21 Rose Street"));
		assertThat(FanIdentities.normaliseAddress("12 Rose Street, Flat 2"))
			.isNotEqualTo(FanIdentities.normaliseAddress("12 Rose Street, Flat 3"));
	}

}
