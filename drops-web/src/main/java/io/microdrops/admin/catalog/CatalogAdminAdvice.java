package io.microdrops.admin.catalog;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.microdrops.catalog.SkuNotFoundException;
import io.microdrops.catalog.StoryBlockRefusedException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Turns catalogue refusals into pages: an unknown SKU is the 404 page; a move or removal
 * of a block that is gone (someone else removed it) goes back to the story editor with a
 * message.
 */
@ControllerAdvice(assignableTypes = { SkuAdminController.class, StoryEditorController.class })
class CatalogAdminAdvice {

	@ExceptionHandler(SkuNotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String skuNotFound() {
		return "error/404";
	}

	@ExceptionHandler(StoryBlockRefusedException.class)
	String storyRefused(StoryBlockRefusedException ex, HttpServletRequest request, RedirectAttributes redirect) {
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		redirect.addFlashAttribute("storyError", ex.messageKey());
		return "redirect:/admin/skus/" + variables.get("slug") + "/story";
	}

}
