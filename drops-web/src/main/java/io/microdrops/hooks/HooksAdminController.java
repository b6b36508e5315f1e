package io.microdrops.hooks;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.community.Community;
import io.microdrops.community.CommunityManagement;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A community's hooks in the admin: add a receiver (its signing secret shown once),
 * remove one, send a test message, and read the latest deliveries with the receivers'
 * answers.
 */
@Controller
@RequestMapping("/admin/communities/{slug}/hooks")
class HooksAdminController {

	static final String VIEW_HOOKS = "admin/hooks/list";

	static final String VIEW_DELIVERY = "admin/hooks/delivery";

	static final int RECENT = 50;

	private final CommunityManagement communities;

	private final HookOutbox outbox;

	private final HookEvents events;

	private final TargetPolicy targets;

	private final JdbcClient jdbc;

	HooksAdminController(CommunityManagement communities, HookOutbox outbox, HookEvents events, TargetPolicy targets,
			JdbcClient jdbc) {
		this.communities = communities;
		this.outbox = outbox;
		this.events = events;
		this.targets = targets;
		this.jdbc = jdbc;
	}

	@GetMapping
	String hooks(@PathVariable String slug, Model model) {
		model.addAttribute("form", HookForm.empty());
		return page(this.communities.require(slug), model);
	}

	@PostMapping
	String add(@PathVariable String slug, @Valid @ModelAttribute("form") HookForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		Community community = this.communities.require(slug);
		if (!result.hasFieldErrors("url")) {
			this.targets.refusal(form.url()).ifPresent(key -> result.rejectValue("url", key));
		}
		if (form.secret() != null && !form.secret().isBlank() && form.secret().strip().length() < 16) {
			result.rejectValue("secret", "hooks.secret.short");
		}
		if (result.hasErrors()) {
			return page(community, model);
		}
		String secret = (form.secret() != null && !form.secret().isBlank()) ? form.secret().strip()
				: HookOutbox.newSecret();
		Webhook hook = this.outbox.add(community.id().value(), form.url(), secret);
		redirect.addFlashAttribute("message", "hooks.added");
		redirect.addFlashAttribute("newSecret", hook.secret());
		return "redirect:/admin/communities/" + slug + "/hooks";
	}

	@PostMapping("/{id}/delete")
	String remove(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
		Community community = this.communities.require(slug);
		if (!this.outbox.remove(community.id().value(), id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("message", "hooks.removed");
		return "redirect:/admin/communities/" + slug + "/hooks";
	}

	@PostMapping("/ping")
	String ping(@PathVariable String slug, RedirectAttributes redirect) {
		Community community = this.communities.require(slug);
		Optional<UUID> latest = this.jdbc
			.sql("select id from drops where community_id = ? order by opens_at desc limit 1")
			.param(community.id().value())
			.query(UUID.class)
			.optional();
		latest.ifPresent(this.events::ping);
		redirect.addFlashAttribute("message", latest.isPresent() ? "hooks.pinged" : "hooks.ping.no-drop");
		return "redirect:/admin/communities/" + slug + "/hooks";
	}

	@GetMapping("/deliveries/{id}")
	String delivery(@PathVariable String slug, @PathVariable UUID id, Model model) {
		Community community = this.communities.require(slug);
		Delivery delivery = this.outbox.find(id)
			.filter(found -> this.outbox.hooksOf(community.id().value())
				.stream()
				.anyMatch(hook -> hook.id().equals(found.webhook())))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("community", community);
		model.addAttribute("delivery", delivery);
		return VIEW_DELIVERY;
	}

	private String page(Community community, Model model) {
		List<Webhook> hooks = this.outbox.hooksOf(community.id().value());
		model.addAttribute("community", community);
		model.addAttribute("hooks", hooks);
		model.addAttribute("deliveries", this.outbox.recent(community.id().value(), RECENT));
		model.addAttribute("zone", community.timeZone());
		return VIEW_HOOKS;
	}

}
