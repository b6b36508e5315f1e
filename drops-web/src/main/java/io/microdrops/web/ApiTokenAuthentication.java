package io.microdrops.web;

import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A JSON API call authenticated by a personal API token rather than a session: the
 * token's owner, and which token it was. Lives for one request; nothing is stored.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final SignedInUser user;

	private final UUID tokenId;

	ApiTokenAuthentication(SignedInUser user, UUID tokenId) {
		super(user.getAuthorities());
		this.user = user;
		this.tokenId = tokenId;
		setAuthenticated(true);
	}

	/**
	 * Returns the id of the token the call came with.
	 * @return the token's id
	 */
	public UUID tokenId() {
		return this.tokenId;
	}

	@Override
	public Object getCredentials() {
		// The token's text is not kept, not even for the request.
		return null;
	}

	@Override
	public SignedInUser getPrincipal() {
		return this.user;
	}

}
