package io.microdrops.analytics;

import io.microdrops.account.AccountId;

/**
 * Who asked for a story page, as the request tells it. Only the account of a signed-in
 * fan is ever stored; the address and user agent of anyone else only go into a hash
 * salted for the day.
 *
 * @param fan the signed-in fan, or {@code null}
 * @param address the client's network address
 * @param userAgent the {@code User-Agent} header, or {@code null}
 * @param optedOut whether the browser asked not to be tracked ({@code DNT: 1} or
 * {@code Sec-GPC: 1})
 */
public record Visitor(AccountId fan, String address, String userAgent, boolean optedOut) {
}
