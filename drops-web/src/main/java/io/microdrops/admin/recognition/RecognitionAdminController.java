package io.microdrops.admin.recognition;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.microdrops.cadence.CadenceManagement;
import io.microdrops.cadence.CadenceView;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityManagement;
import io.microdrops.recognition.BadgeKind;
import io.microdrops.recognition.BadgeRule;
import io.microdrops.recognition.Recognition;
import io.microdrops.recognition.Recognition.RuleDraft;
import io.microdrops.recognition.RecognitionRefusedException;
import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
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
 * A community's recognition rules: the badges its merchandisers give collectors, added,
 * renamed, re-described, re-tuned and removed here.
 */
@Controller
@RequestMapping("/admin/communities/{slug}/recognition")
class RecognitionAdminController {

	static final String VIEW_RULES = "admin/recognition/rules";

	static final String VIEW_RULE = "admin/recognition/rule";

	private final CommunityManagement communities;

	private final Recognition recognition;

	private final CadenceManagement cadences;

	private final MessageSource messages;

	RecognitionAdminController(CommunityManagement communities, Recognition recognition, CadenceManagement cadences,
			MessageSource messages) {
		this.messages = messages;
		this.communities = communities;
		this.recognition = recognition;
		this.cadences = cadences;
	}

	@GetMapping
	String rules(@PathVariable String slug, Model model) {
		model.addAttribute("form", RuleForm.empty());
		return rulesPage(this.communities.require(slug), model);
	}

	@PostMapping
	String add(@PathVariable String slug, @Valid @ModelAttribute("form") RuleForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		Community community = this.communities.require(slug);
		RuleDraft draft = form.draft(community.timeZone(), result);
		if (result.hasErrors()) {
			return rulesPage(community, model);
		}
		try {
			this.recognition.add(community.id(), draft);
		}
		catch (RecognitionRefusedException ex) {
			RuleForm.reject(ex.messageKey(), result);
			return rulesPage(community, model);
		}
		redirect.addFlashAttribute("message", "recognition.added");
		return "redirect:/admin/communities/" + slug + "/recognition";
	}

	@GetMapping("/{id}")
	String rule(@PathVariable String slug, @PathVariable UUID id, Model model) {
		Community community = this.communities.require(slug);
		BadgeRule rule = this.recognition.rule(community.id(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("form", RuleForm.of(rule, community.timeZone()));
		return rulePage(community, rule, model);
	}

	@PostMapping("/{id}")
	String update(@PathVariable String slug, @PathVariable UUID id, @Valid @ModelAttribute("form") RuleForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		Community community = this.communities.require(slug);
		BadgeRule rule = this.recognition.rule(community.id(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		RuleForm asKind = new RuleForm(rule.kind().name(), form.name(), form.description(), form.dropCount(),
				form.before(), form.cadence());
		RuleDraft draft = asKind.draft(community.timeZone(), result);
		if (result.hasErrors()) {
			return rulePage(community, rule, model);
		}
		try {
			this.recognition.update(community.id(), id, draft);
		}
		catch (RecognitionRefusedException ex) {
			RuleForm.reject(ex.messageKey(), result);
			return rulePage(community, rule, model);
		}
		redirect.addFlashAttribute("message", "recognition.updated");
		return "redirect:/admin/communities/" + slug + "/recognition";
	}

	@PostMapping("/{id}/delete")
	String remove(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
		Community community = this.communities.require(slug);
		if (!this.recognition.remove(community.id(), id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("message", "recognition.removed");
		return "redirect:/admin/communities/" + slug + "/recognition";
	}

	private String rulesPage(Community community, Model model) {
		model.addAttribute("community", community);
		List<BadgeRule> rules = this.recognition.rules(community.id());
		Map<String, String> cadences = cadencesOf(community);
		model.addAttribute("rules", rules);
		model.addAttribute("summaries",
				rules.stream().collect(Collectors.toMap(BadgeRule::id, rule -> summary(rule, community, cadences))));
		model.addAttribute("kinds", BadgeKind.values());
		model.addAttribute("cadences", cadences);
		return VIEW_RULES;
	}

	private String rulePage(Community community, BadgeRule rule, Model model) {
		model.addAttribute("community", community);
		model.addAttribute("rule", rule);
		model.addAttribute("cadences", cadencesOf(community));
		return VIEW_RULE;
	}

	// The rule in plain words, e.g. "bought from one of the first 3 drops".
	private String summary(BadgeRule rule, Community community, Map<String, String> cadences) {
		Locale locale = LocaleContextHolder.getLocale();
		String cadence = (rule.cadence() != null) ? cadences.getOrDefault(rule.cadence().toString(), "?")
				: this.messages.getMessage("recognition.cadence.all", null, locale);
		String before = (rule.before() != null) ? LocalDate.ofInstant(rule.before(), community.timeZone()).toString()
				: "";
		String key = "recognition.kind." + rule.kind() + ".rule"
				+ ((rule.kind() == BadgeKind.FOUNDING_MEMBER && rule.before() != null) ? "-date" : "");
		return this.messages.getMessage(key,
				new Object[] { (rule.dropCount() != null) ? rule.dropCount() : 0, before, cadence }, locale);
	}

	// The cadences of the community, by id, for the streak rule's choice and the list.
	private Map<String, String> cadencesOf(Community community) {
		List<CadenceView> all = this.cadences.list();
		return all.stream()
			.filter(view -> view.cadence().community().equals(community.id()))
			.collect(Collectors.toMap(view -> view.cadence().id().value().toString(), view -> view.cadence().slug(),
					(a, b) -> a, java.util.LinkedHashMap::new));
	}

}
