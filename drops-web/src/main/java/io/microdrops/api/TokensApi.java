package io.microdrops.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.ApiToken;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.account.IssuedApiToken;
import io.microdrops.web.ApiTokenAuthentication;
import io.microdrops.web.SignedInUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's own personal API tokens on the API: issue one (from a signed-in session
 * only, so a leaked token cannot breed more), list them, revoke one.
 */
@RestController
class TokensApi {

	private final ApiTokenManagement tokens;

	TokensApi(ApiTokenManagement tokens) {
		this.tokens = tokens;
	}

	@PostMapping("/api/v1/me/tokens")
	ResponseEntity<?> issue(@Valid @RequestBody TokenBody body, Authentication authentication,
			@AuthenticationPrincipal SignedInUser user) {
		if (authentication instanceof ApiTokenAuthentication) {
			ProblemDetail problem = ApiProblems.problem(HttpStatus.FORBIDDEN, "session-required",
					"Sign in to create a token", "Tokens are created from a signed-in session, not with a token.");
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
		}
		IssuedApiToken issued = this.tokens.issue(user.accountId(), body.name());
		// Shown once: no cache may keep it.
		return ResponseEntity.status(HttpStatus.CREATED)
			.cacheControl(CacheControl.noStore())
			.body(new IssuedJson(issued.id(), issued.name(), issued.token()));
	}

	@GetMapping("/api/v1/me/tokens")
	List<TokenJson> list(@AuthenticationPrincipal SignedInUser user) {
		return this.tokens.tokensOf(user.accountId()).stream().map(TokenJson::of).toList();
	}

	@DeleteMapping("/api/v1/me/tokens/{id}")
	ResponseEntity<Void> revoke(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
		return this.tokens.revoke(user.accountId(), id) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

	record TokenBody(@NotBlank @Size(max = ApiTokenManagement.MAX_NAME_LENGTH) String name) {
	}

	record IssuedJson(UUID id, String name, String token) {
	}

	record TokenJson(UUID id, String name, String hint, Instant createdAt, Instant lastUsedAt) {

		static TokenJson of(ApiToken token) {
			return new TokenJson(token.id(), token.name(), token.hint(), token.createdAt(), token.lastUsedAt());
		}

	}

}
