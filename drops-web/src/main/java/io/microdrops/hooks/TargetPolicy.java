package io.microdrops.hooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where hooks may post: http or https only, to a host whose every address is public.
 * Loopback, private, link-local, unique-local, carrier-grade NAT, multicast and wildcard
 * addresses are refused unless {@code drops.hooks.allow-private-targets} is set (for a
 * receiver on the same network, and for tests), so a hook cannot be used to reach the
 * shop's own network. Checked when a hook is saved and again before every delivery, as a
 * name may point elsewhere later.
 */
@Component
class TargetPolicy {

	private final boolean allowPrivate;

	TargetPolicy(@Value("${drops.hooks.allow-private-targets:false}") boolean allowPrivate) {
		this.allowPrivate = allowPrivate;
	}

	/**
	 * Checks a target address.
	 * @param url the address as entered
	 * @return the message key of the refusal, empty when the target is allowed
	 */
	Optional<String> refusal(String url) {
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException | NullPointerException ex) {
			return Optional.of("hooks.url.invalid");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return Optional.of("hooks.url.scheme");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null) {
			return Optional.of("hooks.url.invalid");
		}
		if (this.allowPrivate) {
			return Optional.empty();
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException ex) {
			return Optional.of("hooks.url.unknown-host");
		}
		for (InetAddress address : addresses) {
			if (!isPublic(address)) {
				return Optional.of("hooks.url.private");
			}
		}
		return Optional.empty();
	}

	static boolean isPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			// 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 198.18.0.0/15 (benchmarking).
			return !((first == 100 && second >= 64 && second < 128) || first == 0
					|| (first == 198 && (second == 18 || second == 19)));
		}
		// fc00::/7 (unique local); IPv4-mapped addresses are judged as IPv4 by the JDK.
		return (bytes[0] & 0xfe) != 0xfc;
	}

}
