package io.microdrops.admin.catalog;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.microdrops.catalog.Sku;

/**
 * The SKU form as typed: the price in major units (24.50) with its currency.
 *
 * @param slug the address name; fixed once the SKU exists
 * @param name the name fans see
 * @param price the price in major units
 * @param currency an ISO 4217 code from {@link #CURRENCIES}
 * @param editionSize the numbered run's size, or empty for an open run
 * @param makerName the credited maker, optional
 * @param makerBio the maker's short bio, optional
 */
record SkuForm(
		@NotBlank(message = "{sku.slug.required}") @Pattern(regexp = "^$|^(?=.{2,60}$)[a-z0-9]+(-[a-z0-9]+)*$",
				message = "{sku.slug.invalid}") String slug,
		@NotBlank(message = "{sku.name.required}") @Size(max = 120, message = "{sku.name.too-long}") String name,
		@NotNull(message = "{sku.price.required}") @DecimalMin(value = "0",
				message = "{sku.price.negative}") @DecimalMax(value = "1000000",
						message = "{sku.price.too-high}") BigDecimal price,
		@NotBlank(message = "{sku.currency.required}") String currency,
		@Min(value = 1, message = "{sku.edition-size.min}") @Max(value = 100_000,
				message = "{sku.edition-size.max}") Integer editionSize,
		@Size(max = 120, message = "{sku.maker-name.too-long}") String makerName,
		@Size(max = 1000, message = "{sku.maker-bio.too-long}") String makerBio) {

	/** The currencies a price can be in. */
	static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD",
			"AUD");

	static SkuForm empty() {
		return new SkuForm("", "", null, "EUR", null, "", "");
	}

	static SkuForm of(Sku sku) {
		return new SkuForm(sku.slug(), sku.name(), sku.price().toMajor(), sku.price().currency().getCurrencyCode(),
				sku.editionSize(), sku.makerName(), sku.makerBio());
	}

}
