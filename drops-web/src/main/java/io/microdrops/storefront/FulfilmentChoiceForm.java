package io.microdrops.storefront;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.FulfilmentRefusedException;
import io.microdrops.shared.Texts;

/**
 * The fulfilment part of the checkout form: for pickup a hub and that hub's day and slot
 * (field {@code slot-<hub>}, {@code 2026-12-01|10:00}; or one {@code pickup} field
 * {@code hub|2026-12-01|10:00}), or an address with its postcode (and, optionally, the
 * point the fan's device reported) for local delivery and shipping.
 *
 * @param method the method chosen
 * @param hub a hub's slug, from forms that name the hub alone
 * @param pickup the pickup choice: hub, day and slot separated by {@code |}
 * @param address the delivery address
 * @param postcode its postcode
 * @param latitude the delivery point's latitude, or blank
 * @param longitude the delivery point's longitude, or blank
 */
record FulfilmentChoiceForm(Fulfilment.Method method, String hub, String pickup, String address, String postcode,
		String latitude, String longitude) {

	/**
	 * Turns the form into the checkout's choice, reading the chosen hub's slot field.
	 * @param fields every field posted
	 * @return the choice
	 * @throws FulfilmentRefusedException when the pickup value or the point is garbled
	 */
	Fulfilment toFulfilment(Map<String, String> fields) {
		// The hub radios belong to pickup; local delivery finds its hub by the postcode.
		String hubSlug = (this.method == Fulfilment.Method.PICKUP) ? Texts.blankToNull(this.hub) : null;
		String hubSlot = (hubSlug != null) ? Texts.blankToNull(fields.get("slot-" + hubSlug)) : null;
		LocalDate day = null;
		LocalTime slot = null;
		String choice = (hubSlot != null) ? hubSlug + "|" + hubSlot : Texts.blankToNull(this.pickup);
		if (this.method == Fulfilment.Method.PICKUP && choice != null) {
			String[] parts = choice.split("\\|");
			try {
				hubSlug = parts[0];
				day = (parts.length > 1) ? LocalDate.parse(parts[1]) : null;
				slot = (parts.length > 2) ? LocalTime.parse(parts[2]) : null;
			}
			catch (DateTimeParseException ex) {
				throw new FulfilmentRefusedException("slot", "fulfilment.refused.slot", false);
			}
		}
		Double lat;
		Double lon;
		try {
			lat = (Texts.blankToNull(this.latitude) != null) ? Double.valueOf(this.latitude.strip()) : null;
			lon = (Texts.blankToNull(this.longitude) != null) ? Double.valueOf(this.longitude.strip()) : null;
		}
		catch (NumberFormatException ex) {
			throw new FulfilmentRefusedException("latitude", "fulfilment.refused.point", false);
		}
		Fulfilment fulfilment = new Fulfilment(this.method, hubSlug, this.address, this.postcode, lat, lon, day, slot);
		// What the form lacks is named next to its field, before anything else is asked.
		if (!fulfilment.isComplete()) {
			throw switch ((this.method != null) ? this.method : Fulfilment.Method.PICKUP) {
				case PICKUP ->
					(this.method == null) ? new FulfilmentRefusedException("method", "fulfilment.refused.method", false)
							: new FulfilmentRefusedException("hub", "fulfilment.refused.hub-required", false);
				case LOCAL_DELIVERY,
						SHIPPING ->
					new FulfilmentRefusedException("address", (Texts.blankToNull(this.address) == null)
							? "fulfilment.refused.address-required" : "fulfilment.refused.address-too-long", false);
			};
		}
		return fulfilment;
	}

	/**
	 * Returns the values as posted, to fill the form again after a refusal.
	 * @return the values by field name
	 */
	Map<String, String> values(Map<String, String> fields) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("method", (this.method != null) ? this.method.name() : "");
		values.put("hub", (this.hub != null) ? this.hub : "");
		String slot = (this.hub != null) ? fields.get("slot-" + this.hub) : null;
		values.put("slot", (slot != null) ? slot : "");
		values.put("pickup", (this.pickup != null) ? this.pickup : "");
		values.put("address", (this.address != null) ? this.address : "");
		values.put("postcode", (this.postcode != null) ? this.postcode : "");
		values.put("latitude", (this.latitude != null) ? this.latitude : "");
		values.put("longitude", (this.longitude != null) ? this.longitude : "");
		return values;
	}

	/**
	 * Where a refusal's message goes on the form.
	 * @param field the field the fulfilment module named
	 * @return the form's field
	 */
	static String formField(String field) {
		return switch (field) {
			case "hub", "day", "slot" -> "pickup";
			case "latitude", "longitude" -> "postcode";
			default -> field;
		};
	}

}
