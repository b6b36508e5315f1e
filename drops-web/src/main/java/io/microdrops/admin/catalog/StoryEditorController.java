package io.microdrops.admin.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.validation.Valid;

import io.microdrops.admin.catalog.StoryForms.HeroForm;
import io.microdrops.admin.catalog.StoryForms.InterviewForm;
import io.microdrops.admin.catalog.StoryForms.PhotoForm;
import io.microdrops.admin.catalog.StoryForms.SpecsForm;
import io.microdrops.admin.catalog.StoryForms.TextForm;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.ImageUpload;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.StoryBlockContent.InterviewAnswer;
import io.microdrops.catalog.StoryBlockContent.SpecRow;
import io.microdrops.catalog.StoryBlockId;
import io.microdrops.catalog.StoryBlockKind;
import io.microdrops.catalog.StoryBlockRefusedException;
import io.microdrops.media.ImageRefusedException;

import org.springframework.beans.NotReadablePropertyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The story editor of a SKU: one small form per kind of block, moving blocks up and down,
 * removing them, and a preview that shows the story as fans will see it.
 */
@Controller
class StoryEditorController {

	static final String VIEW_EDITOR = "admin/skus/story";

	static final String VIEW_PREVIEW = "admin/skus/preview";

	/** Where the catalogue's field names differ from the forms'. */
	private static final Map<String, String> FORM_FIELDS = Map.of("credit", "caption", "rows", "labels");

	private final CatalogManagement catalog;

	StoryEditorController(CatalogManagement catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/admin/skus/{slug}/story")
	String editor(@PathVariable String slug, @RequestParam(name = "upload", required = false) String upload,
			Model model) {
		if (UploadLimitFilter.TOO_LARGE.equals(upload)) {
			model.addAttribute("storyError", "media.image.too-large");
		}
		return editor(slug, model, null);
	}

	@GetMapping("/admin/skus/{slug}/preview")
	String preview(@PathVariable String slug, Model model) {
		model.addAttribute("sku", this.catalog.require(slug));
		model.addAttribute("story", this.catalog.story(slug));
		return VIEW_PREVIEW;
	}

	@PostMapping("/admin/skus/{slug}/story/hero")
	String addHero(@PathVariable String slug, @Valid @ModelAttribute("heroForm") HeroForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		requireImage(form.image(), result);
		return change(slug, result, model, redirect, null, () -> this.catalog.addHero(slug, form.headline(),
				new ImageUpload(bytes(form.image()), form.altText())));
	}

	@PostMapping("/admin/skus/{slug}/story/text")
	String addText(@PathVariable String slug, @Valid @ModelAttribute("textForm") TextForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		return change(slug, result, model, redirect, null, () -> this.catalog.addText(slug, form.text()));
	}

	@PostMapping("/admin/skus/{slug}/story/interview")
	String addInterview(@PathVariable String slug, @ModelAttribute("interviewForm") InterviewForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		List<InterviewAnswer> answers = new ArrayList<>();
		for (int i = 0; i < form.questions().size(); i++) {
			answers.add(new InterviewAnswer(form.questions().get(i), form.answers().get(i)));
		}
		return change(slug, result, model, redirect, null, () -> this.catalog.addInterview(slug, answers));
	}

	@PostMapping("/admin/skus/{slug}/story/specs")
	String addSpecs(@PathVariable String slug, @ModelAttribute("specsForm") SpecsForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		List<SpecRow> rows = new ArrayList<>();
		for (int i = 0; i < form.labels().size(); i++) {
			rows.add(new SpecRow(form.labels().get(i), form.values().get(i)));
		}
		return change(slug, result, model, redirect, null, () -> this.catalog.addSpecs(slug, rows));
	}

	@PostMapping("/admin/skus/{slug}/story/gallery")
	String addGallery(@PathVariable String slug, @Valid @ModelAttribute("galleryForm") PhotoForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		requireImage(form.image(), result);
		return change(slug, result, model, redirect, null, () -> this.catalog.addGallery(slug,
				new ImageUpload(bytes(form.image()), form.altText()), form.caption()));
	}

	@PostMapping("/admin/skus/{slug}/story/showcase")
	String addShowcase(@PathVariable String slug, @Valid @ModelAttribute("showcaseForm") PhotoForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		requireImage(form.image(), result);
		requireCredit(form.caption(), result);
		return change(slug, result, model, redirect, null, () -> this.catalog.addShowcase(slug,
				new ImageUpload(bytes(form.image()), form.altText()), form.caption()));
	}

	@PostMapping("/admin/skus/{slug}/story/{block}/photos")
	String addPhoto(@PathVariable String slug, @PathVariable StoryBlockId block,
			@Valid @ModelAttribute("photoForm") PhotoForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		requireImage(form.image(), result);
		boolean showcase = this.catalog.story(slug)
			.blocks()
			.stream()
			.anyMatch(candidate -> candidate.id().equals(block) && candidate.kind() == StoryBlockKind.SHOWCASE);
		if (showcase) {
			requireCredit(form.caption(), result);
		}
		return change(slug, result, model, redirect, block, () -> this.catalog.addPhoto(slug, block,
				new ImageUpload(bytes(form.image()), form.altText()), form.caption()));
	}

	@PostMapping("/admin/skus/{slug}/story/{block}/up")
	String moveUp(@PathVariable String slug, @PathVariable StoryBlockId block, RedirectAttributes redirect) {
		this.catalog.moveStoryBlockUp(slug, block);
		redirect.addFlashAttribute("message", "story.moved");
		return redirectToEditor(slug);
	}

	@PostMapping("/admin/skus/{slug}/story/{block}/down")
	String moveDown(@PathVariable String slug, @PathVariable StoryBlockId block, RedirectAttributes redirect) {
		this.catalog.moveStoryBlockDown(slug, block);
		redirect.addFlashAttribute("message", "story.moved");
		return redirectToEditor(slug);
	}

	@PostMapping("/admin/skus/{slug}/story/{block}/remove")
	String remove(@PathVariable String slug, @PathVariable StoryBlockId block, RedirectAttributes redirect) {
		this.catalog.removeStoryBlock(slug, block);
		redirect.addFlashAttribute("message", "story.removed");
		return redirectToEditor(slug);
	}

	/**
	 * Runs a story change when the form is valid, and shows the catalogue's refusal next
	 * to the field it concerns when it is not.
	 */
	private String change(String slug, BindingResult result, Model model, RedirectAttributes redirect,
			StoryBlockId photoBlock, Supplier<?> change) {
		if (!result.hasErrors()) {
			try {
				change.get();
				redirect.addFlashAttribute("message", "story.saved");
				return redirectToEditor(slug);
			}
			catch (ImageRefusedException ex) {
				result.rejectValue("image", ex.messageKey());
			}
			catch (StoryBlockRefusedException ex) {
				reject(result, ex);
			}
		}
		model.addAttribute("formError", result.getObjectName());
		return editor(slug, model, photoBlock);
	}

	private static void reject(BindingResult result, StoryBlockRefusedException ex) {
		String field = (ex.field() != null) ? FORM_FIELDS.getOrDefault(ex.field(), ex.field()) : null;
		if (field != null && hasField(result, field)) {
			result.rejectValue(field, ex.messageKey());
		}
		else {
			result.reject(ex.messageKey());
		}
	}

	private static boolean hasField(BindingResult result, String field) {
		try {
			result.getRawFieldValue(field);
			return true;
		}
		catch (NotReadablePropertyException ex) {
			return false;
		}
	}

	private String editor(String slug, Model model, StoryBlockId photoBlock) {
		Sku sku = this.catalog.require(slug);
		model.addAttribute("sku", sku);
		model.addAttribute("story", this.catalog.story(slug));
		addIfMissing(model, "heroForm", HeroForm.empty());
		addIfMissing(model, "textForm", TextForm.empty());
		addIfMissing(model, "interviewForm", InterviewForm.empty());
		addIfMissing(model, "specsForm", SpecsForm.empty());
		addIfMissing(model, "galleryForm", PhotoForm.empty());
		addIfMissing(model, "showcaseForm", PhotoForm.empty());
		addIfMissing(model, "photoForm", PhotoForm.empty());
		model.addAttribute("photoBlock", (photoBlock != null) ? photoBlock.toString() : "");
		return VIEW_EDITOR;
	}

	private static void addIfMissing(Model model, String name, Object form) {
		if (!model.containsAttribute(name)) {
			model.addAttribute(name, form);
		}
	}

	private static void requireImage(MultipartFile image, BindingResult result) {
		if (image == null || image.isEmpty()) {
			result.rejectValue("image", "story.image.required");
		}
	}

	private static void requireCredit(String credit, BindingResult result) {
		if ((credit == null || credit.isBlank()) && !result.hasFieldErrors("caption")) {
			result.rejectValue("caption", "story.credit.required");
		}
	}

	private static byte[] bytes(MultipartFile image) {
		try {
			return image.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String redirectToEditor(String slug) {
		return "redirect:/admin/skus/" + slug + "/story";
	}

}
