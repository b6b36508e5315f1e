package io.microdrops.api;

import java.util.List;

import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/drops")
class PublicDropsApi {

	private final DropManagement drops;

	PublicDropsApi(DropManagement drops) {
		this.drops = drops;
	}

	@GetMapping
	List<DropJson.Summary> list() {
		return this.drops.publicDrops().stream().map(DropJson.Summary::of).toList();
	}

	@GetMapping("/{slug}")
	DropJson drop(@PathVariable String slug) {
		return this.drops.publicView(slug).map(DropJson::of).orElseThrow(() -> new DropNotFoundException(slug));
	}

}
