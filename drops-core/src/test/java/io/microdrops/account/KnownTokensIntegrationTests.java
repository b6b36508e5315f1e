package io.microdrops.account;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database: this test's context (node A) and a second node B made here,
 * with its own token memory and its own account-change feed, as another application node
 * would have.
 */
@SpringBootTest
class KnownTokensIntegrationTests {

	/** Most waits of ten seconds without any notification before giving up. */
	private static final int MOST_EMPTY_WAITS = 3;

	@Autowired
	ApiTokenManagement tokens;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcClient jdbcClient;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	@Value("${spring.datasource.url}")
	String url;

	@Value("${spring.datasource.username}")
	String username;

	@Value("${spring.datasource.password:}")
	String password;

	KnownTokens memoryOfB;

	AccountChangeFeed feedOfB;

	ApiTokenManagement nodeB;

	@BeforeEach
	void startNodeB() throws SQLException {
		this.memoryOfB = new KnownTokens(Duration.ofMinutes(10));
		this.feedOfB = new AccountChangeFeed(this.memoryOfB, this.url, this.username, this.password);
		this.feedOfB.connect();
		this.nodeB = new ApiTokenManagement(this.jdbcClient, this.jdbc, this.clock, this.memoryOfB);
	}

	@AfterEach
	void stopNodeB() {
		this.feedOfB.close();
	}

	@Test
	void answersATokenFromMemoryOnceItWasRead() {
		IssuedApiToken issued = this.tokens.issue(account(Set.of(Role.FAN)), "poller");

		assertThat(this.nodeB.authenticate(issued.token())).isPresent();

		assertThat(this.memoryOfB.knows(AccountManagement.sha256(issued.token()))).isTrue();
		assertThat(this.nodeB.authenticate(issued.token()).orElseThrow().tokenId()).isEqualTo(issued.id());
	}

	@Test
	void refusesATokenRevokedOnAnotherNodeAsSoonAsItHearsOfIt() throws SQLException {
		AccountId owner = account(Set.of(Role.FAN));
		IssuedApiToken issued = this.tokens.issue(owner, "script");
		IssuedApiToken other = this.tokens.issue(owner, "other script");
		assertThat(this.nodeB.authenticate(issued.token())).isPresent();
		assertThat(this.tokens.authenticate(issued.token())).isPresent();

		assertThat(this.tokens.revoke(owner, issued.id())).isTrue();

		// The revoking node refuses it at once; the other once the notification is in.
		assertThat(this.tokens.authenticate(issued.token())).isEmpty();
		awaitForgotten(issued);
		assertThat(this.nodeB.authenticate(issued.token())).isEmpty();
		assertThat(this.nodeB.authenticate(other.token())).isPresent();
	}

	@Test
	void refusesTokensOfAnAccountDeactivatedOrChangedBehindTheNodesBack() throws SQLException {
		AccountId owner = account(Set.of(Role.FAN));
		IssuedApiToken issued = this.tokens.issue(owner, "script");
		assertThat(this.nodeB.authenticate(issued.token())).isPresent();

		this.jdbc.update("update accounts set enabled = false where id = ?", owner.value());

		awaitForgotten(issued);
		assertThat(this.nodeB.authenticate(issued.token())).isEmpty();
	}

	@Test
	void seesARoleTakenFromTheTokensOwner() throws SQLException {
		AccountId owner = account(Set.of(Role.FAN, Role.MERCHANDISER));
		IssuedApiToken issued = this.tokens.issue(owner, "admin script");
		assertThat(this.nodeB.authenticate(issued.token()).orElseThrow().credentials().roles())
			.contains(Role.MERCHANDISER);

		this.jdbc.update("delete from account_roles where account_id = ? and role = 'MERCHANDISER'", owner.value());

		awaitForgotten(issued);
		assertThat(this.nodeB.authenticate(issued.token()).orElseThrow().credentials().roles())
			.containsExactly(Role.FAN);
	}

	@Test
	void keepsNoTokenReadBeforeAChangeItHeardMeanwhile() {
		KnownTokens memory = new KnownTokens(Duration.ofMinutes(10));
		memory.trust();
		AccountId owner = new AccountId(UUID.randomUUID());
		ApiTokenManagement.Bearer bearer = new ApiTokenManagement.Bearer(UUID.randomUUID(),
				new AccountManagement.Credentials(owner, "fan@example.com", "Fan", null, Set.of(Role.FAN), true));

		long beforeTheRead = memory.generation();
		memory.forget(owner);
		memory.remember("hash", bearer, null, beforeTheRead);

		assertThat(memory.knows("hash")).isFalse();
		memory.remember("hash", bearer, null, memory.generation());
		assertThat(memory.find("hash")).isNotNull();
	}

	@Test
	void trustsNoMemoryWhileNotHearingChanges() {
		KnownTokens memory = new KnownTokens(Duration.ofMinutes(10));
		AccountId owner = new AccountId(UUID.randomUUID());
		ApiTokenManagement.Bearer bearer = new ApiTokenManagement.Bearer(UUID.randomUUID(),
				new AccountManagement.Credentials(owner, "fan@example.com", "Fan", null, Set.of(Role.FAN), true));

		memory.remember("hash", bearer, null, memory.generation());
		assertThat(memory.find("hash")).isNull();

		memory.trust();
		memory.remember("hash", bearer, null, memory.generation());
		assertThat(memory.find("hash")).isNotNull();
		memory.distrust();
		assertThat(memory.find("hash")).isNull();
		memory.trust();
		assertThat(memory.find("hash")).isNull();
	}

	@Test
	void remembersNothingWhenTheMemoryIsTurnedOff() {
		KnownTokens off = new KnownTokens(Duration.ZERO);
		off.trust();
		ApiTokenManagement node = new ApiTokenManagement(this.jdbcClient, this.jdbc, this.clock, off);
		IssuedApiToken issued = this.tokens.issue(account(Set.of(Role.FAN)), "script");

		assertThat(node.authenticate(issued.token())).isPresent();

		assertThat(off.knows(AccountManagement.sha256(issued.token()))).isFalse();
	}

	@Test
	void writesTheLastUsesOfManyTokensInOneBatch() {
		List<IssuedApiToken> issued = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			issued.add(this.tokens.issue(account(Set.of(Role.FAN)), "fan " + i));
		}
		this.nodeB.flushLastUses();

		issued.forEach(token -> this.nodeB.authenticate(token.token()));
		assertThat(issued).allSatisfy(token -> assertThat(lastUsed(token)).isNull());

		assertThat(this.nodeB.flushLastUses()).isEqualTo(3);
		assertThat(issued).allSatisfy(token -> assertThat(lastUsed(token)).isNotNull());
		assertThat(this.nodeB.flushLastUses()).isZero();
	}

	private void awaitForgotten(IssuedApiToken issued) throws SQLException {
		String hash = AccountManagement.sha256(issued.token());
		int emptyWaits = 0;
		while (this.memoryOfB.knows(hash) && emptyWaits < MOST_EMPTY_WAITS) {
			if (this.feedOfB.receive(10_000) == 0) {
				emptyWaits++;
			}
		}
	}

	private Timestamp lastUsed(IssuedApiToken issued) {
		return this.jdbc.queryForObject("select last_used_at from api_tokens where id = ?", Timestamp.class,
				issued.id());
	}

	private AccountId account(Set<Role> roles) {
		String email = "known-" + UUID.randomUUID() + "@example.com";
		this.accounts.createIfAbsent(email, "Token Owner", "a long enough password", roles);
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

}
