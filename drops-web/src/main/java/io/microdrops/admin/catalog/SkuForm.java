package io.microdrops.admin.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.microdrops.catalog.Sku;

/**
 * The SKU form as typed: the price in major units (24.50, or 24,50 as many write it) with
 * its currency. The price stays text until {@link #typedPrice()} reads it, so a price
 * that is no number comes back on the form with everything else as typed.
 *
 * @param slug the address name; fixed once the SKU exists
 * @param name the name fans see
 * @param price the price in major units, as typed
 * @param currency an ISO 4217 code from {@link #CURRENCIES}
 * @param editionSize the numbered run's size, or empty for an open run
 * @param makerName the credited maker, optional
 * @param makerBio the maker's short bio, optional
 */
record SkuForm(
		@NotBlank(message = "{sku.slug.required}") @Pattern(regexp = "^$|^(?=.{2,60}$)[a-z0-9]+(-[a-z0-9]+)*$",
				message = "{sku.slug.invalid}") String slug,
		@NotBlank(message = "{sku.name.required}") @Size(max = 120, message = "{sku.name.too-long}") String name,
		@NotBlank(message = "{sku.price.required}") @Size(max = 40, message = "{typeMismatch.form.price}") String price,
		@NotBlank(message = "{sku.currency.required}") String currency,
		@Min(value = 1, message = "{sku.edition-size.min}") @Max(value = 100_000,
				message = "{sku.edition-size.max}") Integer editionSize,
		@Size(max = 120, message = "{sku.maker-name.too-long}") String makerName,
		@Size(max = 1000, message = "{sku.maker-bio.too-long}") String makerBio) {

	/** The currencies a price can be in. */
	static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD",
			"AUD");

	static SkuForm empty() {
		return new SkuForm("", "", "", "EUR", null, "", "");
	}

	static SkuForm of(Sku sku) {
		return new SkuForm(sku.slug(), sku.name(), sku.price().toMajor().toPlainString(),
				sku.price().currency().getCurrencyCode(), sku.editionSize(), sku.makerName(), sku.makerBio());
	}

	/**
	 * Reads the typed price: a decimal point or a decimal comma of one or two digits
	 * ("24.50", "24,5"), commas between thousands ("1,250.00", "1,000,000") and spaces
	 * anywhere ("1 000,50").
	 * @return the price, empty when the text is no number or {@link #ambiguousPrice()}
	 */
	Optional<BigDecimal> typedPrice() {
		String typed = compactPrice();
		if (ambiguousPrice()) {
			return Optional.empty();
		}
		if (typed.matches("-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]*)?")) {
			typed = typed.replace(",", "");
		}
		else if (typed.matches("-?[0-9]*,[0-9]{1,2}")) {
			typed = typed.replace(',', '.');
		}
		if (!typed.matches("-?[0-9]*\\.?[0-9]+|-?[0-9]+\\.")) {
			return Optional.empty();
		}
		return Optional.of(new BigDecimal(typed));
	}

	/**
	 * Whether the typed price has one comma before three digits and no point ("1,000",
	 * "24,505"), which reads as a thousand to some and as decimals to others.
	 * @return whether the price must be written otherwise
	 */
	boolean ambiguousPrice() {
		return compactPrice().matches("-?[0-9]{1,3},[0-9]{3}");
	}

	private String compactPrice() {
		return this.price.strip().replaceAll("[\\s\\u00a0\\u202f]", "");
	}

}
