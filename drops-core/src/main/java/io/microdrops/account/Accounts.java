package io.microdrops.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Accounts extends JpaRepository<Account, UUID> {

	Optional<Account> findByEmail(String email);

	boolean existsByEmail(String email);

	@Query("select distinct a from Account a join a.roles r where r in :roles order by a.email")
	List<Account> findHoldingAnyOf(Collection<Role> roles);

}
