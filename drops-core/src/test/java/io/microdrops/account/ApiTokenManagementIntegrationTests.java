package io.microdrops.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.microdrops.testsupport.Concurrently;
import io.microdrops.testsupport.MovableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
class ApiTokenManagementIntegrationTests {

	static final Instant NOW = Instant.parse("2031-05-04T10:00:00Z");

	@Autowired
	ApiTokenManagement tokens;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	@Test
	void issuesATokenThatActsAsItsOwnerWithTheOwnersRoles() {
		AccountId owner = account(Set.of(Role.FAN, Role.MERCHANDISER));

		IssuedApiToken issued = this.tokens.issue(owner, "  community bot  ");

		assertThat(issued.token()).startsWith(ApiTokenManagement.PREFIX).hasSizeGreaterThan(40);
		assertThat(issued.name()).isEqualTo("community bot");
		ApiTokenManagement.Bearer bearer = this.tokens.authenticate(issued.token()).orElseThrow();
		assertThat(bearer.tokenId()).isEqualTo(issued.id());
		assertThat(bearer.credentials().id()).isEqualTo(owner);
		assertThat(bearer.credentials().roles()).containsExactlyInAnyOrder(Role.FAN, Role.MERCHANDISER);
		assertThat(bearer.credentials().passwordHash()).isNull();
	}

	@Test
	void keepsOnlyTheHashOfATokenAndListsItWithoutItsText() {
		AccountId owner = account(Set.of(Role.FAN));
		IssuedApiToken issued = this.tokens.issue(owner, "laptop");

		Map<String, Object> row = this.jdbc.queryForMap("select * from api_tokens where id = ?", issued.id());
		assertThat(row.get("token_hash")).isEqualTo(AccountManagement.sha256(issued.token()));
		assertThat(row.values()).noneMatch(value -> value != null && value.toString().contains(issued.token()));
		List<ApiToken> listed = this.tokens.tokensOf(owner);
		assertThat(listed).singleElement().satisfies(token -> {
			assertThat(token.name()).isEqualTo("laptop");
			assertThat(issued.token()).startsWith(token.hint());
			assertThat(token.hint()).hasSize(ApiTokenManagement.PREFIX.length() + 4);
		});
		assertThat(issued.toString()).doesNotContain(issued.token());
	}

	@Test
	void refusesARevokedTokenAndLetsOnlyItsOwnerRevokeIt() {
		AccountId owner = account(Set.of(Role.FAN));
		AccountId stranger = account(Set.of(Role.FAN));
		IssuedApiToken issued = this.tokens.issue(owner, "script");

		assertThat(this.tokens.revoke(stranger, issued.id())).isFalse();
		assertThat(this.tokens.authenticate(issued.token())).isPresent();

		assertThat(this.tokens.revoke(owner, issued.id())).isTrue();
		assertThat(this.tokens.authenticate(issued.token())).isEmpty();
		assertThat(this.tokens.tokensOf(owner)).isEmpty();
		assertThat(this.tokens.revoke(owner, issued.id())).isFalse();
	}

	@Test
	void refusesUnknownTokensAndTokensOfDeactivatedAccounts() {
		AccountId owner = account(Set.of(Role.FAN));
		IssuedApiToken issued = this.tokens.issue(owner, "script");

		assertThat(this.tokens.authenticate(issued.token() + "x")).isEmpty();
		assertThat(this.tokens.authenticate("not a token")).isEmpty();
		assertThat(this.tokens.authenticate(null)).isEmpty();

		this.jdbc.update("update accounts set enabled = false where id = ?", owner.value());
		assertThat(this.tokens.authenticate(issued.token())).isEmpty();
	}

	@Test
	void notesTheLastUseAtMostOnceAMinute() {
		AccountId owner = account(Set.of(Role.FAN));
		IssuedApiToken issued = this.tokens.issue(owner, "poller");
		assertThat(this.tokens.tokensOf(owner).getFirst().lastUsedAt()).isNull();

		this.tokens.authenticate(issued.token());
		Instant first = this.clock.instant();
		// Noted in memory, written with the next batch.
		assertThat(lastUsed(issued)).isNull();
		this.tokens.flushLastUses();
		assertThat(lastUsed(issued)).isEqualTo(first);

		this.clock.advance(Duration.ofSeconds(59));
		for (int i = 0; i < 20; i++) {
			this.tokens.authenticate(issued.token());
		}
		this.tokens.flushLastUses();
		assertThat(lastUsed(issued)).isEqualTo(first);
		assertThat(this.tokens.tokensOf(owner).getFirst().lastUsedAt()).isEqualTo(first);

		this.clock.advance(Duration.ofSeconds(1));
		this.tokens.authenticate(issued.token());
		this.tokens.flushLastUses();
		assertThat(lastUsed(issued)).isEqualTo(first.plus(Duration.ofMinutes(1)));
	}

	@Test
	void refusesBlankOrLongNamesAndMoreThanTheMostActiveTokens() throws Exception {
		AccountId owner = account(Set.of(Role.FAN));
		assertThatExceptionOfType(ApiTokenRefusedException.class).isThrownBy(() -> this.tokens.issue(owner, "  "))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("tokens.name.required"));
		assertThatExceptionOfType(ApiTokenRefusedException.class)
			.isThrownBy(() -> this.tokens.issue(owner, "x".repeat(ApiTokenManagement.MAX_NAME_LENGTH + 1)))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("tokens.name.too-long"));

		List<IssuedApiToken> issued = Concurrently.run(ApiTokenManagement.MAX_ACTIVE + 5, i -> {
			try {
				return this.tokens.issue(owner, "token " + i);
			}
			catch (ApiTokenRefusedException ex) {
				return null;
			}
		});
		assertThat(issued.stream().filter(token -> token != null)).hasSize(ApiTokenManagement.MAX_ACTIVE);
		assertThat(this.tokens.tokensOf(owner)).hasSize(ApiTokenManagement.MAX_ACTIVE);

		this.tokens.revoke(owner, this.tokens.tokensOf(owner).getFirst().id());
		assertThat(this.tokens.issue(owner, "one more").token()).isNotBlank();
	}

	private Instant lastUsed(IssuedApiToken issued) {
		java.sql.Timestamp at = this.jdbc.queryForObject("select last_used_at from api_tokens where id = ?",
				java.sql.Timestamp.class, issued.id());
		return (at != null) ? at.toInstant() : null;
	}

	private AccountId account(Set<Role> roles) {
		String email = "token-" + UUID.randomUUID() + "@example.com";
		this.accounts.createIfAbsent(email, "Token Owner", "a long enough password", roles);
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(NOW);
		}

	}

}
