package io.microdrops.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface Skus extends JpaRepository<Sku, UUID> {

	Optional<Sku> findBySlug(String slug);

	boolean existsBySlug(String slug);

	List<Sku> findAllByOrderByNameAsc();

}
