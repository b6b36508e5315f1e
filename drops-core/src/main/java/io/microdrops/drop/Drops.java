package io.microdrops.drop;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Drops extends JpaRepository<Drop, UUID> {

	Optional<Drop> findBySlug(String slug);

	boolean existsBySlug(String slug);

	boolean existsByCadenceIdAndCadenceOccurrence(UUID cadenceId, Instant occurrence);

	@Query("select d from Drop d where d.scheduled = true and d.announceAt <= ?1 order by d.opensAt")
	List<Drop> findAnnouncedBy(Instant now);

	@Query("select d from Drop d where d.communityId = ?1 and d.scheduled = true and d.id <> ?2")
	List<Drop> findOtherScheduled(UUID communityId, UUID except);

	@Query("select d from Drop d where d.opensAt >= ?1 and d.opensAt < ?2 order by d.opensAt")
	List<Drop> findOpeningBetween(Instant from, Instant to);

	List<Drop> findAllByOrderByOpensAtDesc();

	@Query("""
			select d from Drop d where d.scheduled = true and d.preorderThreshold is not null
			and d.preorderOutcome is null and coalesce(d.preorderDeadline, d.earlyAccessAt, d.opensAt) <= ?1
			order by d.opensAt
			""")
	List<Drop> findAwaitingPreorderOutcome(Instant now);

	@Query("""
			select d from Drop d where d.scheduled = true and d.closedEarlyAt is null and d.opensAt <= ?1
			and d.opensAt > ?2 and d.closesAt > ?1 order by d.opensAt
			""")
	List<Drop> findOpenedBetween(Instant now, Instant since);

}
