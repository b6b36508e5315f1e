package io.microdrops.storefront;

import io.microdrops.recognition.Recognition;
import io.microdrops.recognition.Recognition.CollectorProfile;
import io.microdrops.recognition.RecognitionRefusedException;
import io.microdrops.web.SignedInUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A fan's collection: every edition they own, the communities they collect in and the
 * badges they hold there; and, when they opt in, the same at a public address under a
 * handle of their choosing (no name, no e-mail).
 */
@Controller
class CollectionController {

	static final String VIEW_COLLECTION = "storefront/collection/mine";

	static final String VIEW_PUBLIC = "storefront/collection/public";

	private final Recognition recognition;

	CollectionController(Recognition recognition) {
		this.recognition = recognition;
	}

	@GetMapping("/account/collection")
	String collection(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("collection", this.recognition.collectionOf(user.accountId()));
		if (!model.containsAttribute("profile")) {
			model.addAttribute("profile",
					this.recognition.profileOf(user.accountId()).orElse(new CollectorProfile("", false)));
		}
		return VIEW_COLLECTION;
	}

	@PostMapping("/account/collection/profile")
	String saveProfile(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String handle,
			@RequestParam(defaultValue = "false") boolean isPublic, RedirectAttributes redirect) {
		try {
			this.recognition.saveProfile(user.accountId(), new CollectorProfile(handle, isPublic));
			redirect.addFlashAttribute("message", "collection.profile.saved");
		}
		catch (RecognitionRefusedException ex) {
			redirect.addFlashAttribute("profileError", ex.messageKey());
			redirect.addFlashAttribute("profile", new CollectorProfile(handle, isPublic));
		}
		return "redirect:/account/collection#profile";
	}

	@GetMapping("/collectors/{handle}")
	String publicCollection(@PathVariable String handle, Model model) {
		model.addAttribute("handle", handle);
		model.addAttribute("collection", this.recognition.publicCollection(handle)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		return VIEW_PUBLIC;
	}

}
