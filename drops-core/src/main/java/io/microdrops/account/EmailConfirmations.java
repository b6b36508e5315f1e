package io.microdrops.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface EmailConfirmations extends JpaRepository<EmailConfirmation, String> {

	// Locked, so two clicks on one link cannot both count as its single use.
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from EmailConfirmation c where c.tokenHash = :tokenHash")
	java.util.Optional<EmailConfirmation> findForUpdate(String tokenHash);

	boolean existsByAccountIdAndCreatedAtAfter(UUID accountId, Instant after);

}
