package io.microdrops.community;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface Communities extends JpaRepository<Community, UUID> {

	Optional<Community> findBySlug(String slug);

	boolean existsBySlug(String slug);

}
