package io.microdrops.cadence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface Cadences extends JpaRepository<Cadence, UUID> {

	Optional<Cadence> findBySlug(String slug);

	boolean existsBySlug(String slug);

	List<Cadence> findAllByOrderBySlugAsc();

	List<Cadence> findByActiveTrueOrderBySlugAsc();

}
