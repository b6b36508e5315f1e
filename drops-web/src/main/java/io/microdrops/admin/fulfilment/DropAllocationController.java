package io.microdrops.admin.fulfilment;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.microdrops.fulfilment.AllocationManagement;
import io.microdrops.fulfilment.AllocationRefusedException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A drop's fulfilment settings for merchandisers: units per hub for each item (the rest
 * ships) or shared, and the personal note printed on every packing slip.
 */
@Controller
class DropAllocationController {

	static final String VIEW = "admin/drops/fulfilment";

	private static final String HUB_FIELD = "hub.";

	private final AllocationManagement allocations;

	DropAllocationController(AllocationManagement allocations) {
		this.allocations = allocations;
	}

	@GetMapping("/admin/drops/{slug}/fulfilment")
	String show(@PathVariable String slug, Model model) {
		model.addAttribute("allocation", this.allocations.allocationOf(slug));
		return VIEW;
	}

	@PostMapping("/admin/drops/{slug}/fulfilment/items/{item}")
	String allocate(@PathVariable String slug, @PathVariable UUID item, @RequestParam Map<String, String> fields,
			RedirectAttributes redirect) {
		Map<String, Integer> units = new HashMap<>();
		boolean split = "split".equals(fields.get("mode"));
		for (Map.Entry<String, String> field : fields.entrySet()) {
			if (!field.getKey().startsWith(HUB_FIELD)) {
				continue;
			}
			String value = field.getValue().strip();
			Integer count = null;
			if (split) {
				try {
					count = value.isEmpty() ? 0 : Integer.valueOf(value);
				}
				catch (NumberFormatException ex) {
					refused(redirect, item, fields, "form.number", null);
					return "redirect:/admin/drops/" + slug + "/fulfilment";
				}
			}
			units.put(field.getKey().substring(HUB_FIELD.length()), count);
		}
		try {
			this.allocations.allocate(slug, item, units);
			redirect.addFlashAttribute("message", split ? "allocation.saved" : "allocation.shared");
		}
		catch (AllocationRefusedException ex) {
			refused(redirect, item, fields, ex.messageKey(),
					java.util.Arrays.stream(ex.arguments()).map(String::valueOf).toArray(String[]::new));
		}
		return "redirect:/admin/drops/" + slug + "/fulfilment";
	}

	/**
	 * Tells the page which item's form was refused and why, and keeps what was entered in
	 * it, so the merchandiser corrects it instead of typing it again.
	 */
	private static void refused(RedirectAttributes redirect, UUID item, Map<String, String> fields, String reason,
			String[] arguments) {
		redirect.addFlashAttribute("refusal", reason);
		redirect.addFlashAttribute("refusalArguments", arguments);
		redirect.addFlashAttribute("refusedItem", item.toString());
		Map<String, String> entered = new HashMap<>();
		fields.forEach((name, value) -> {
			if (name.equals("mode") || name.startsWith(HUB_FIELD)) {
				entered.put(name, value);
			}
		});
		redirect.addFlashAttribute("entered", entered);
	}

	@PostMapping("/admin/drops/{slug}/fulfilment/note")
	String note(@PathVariable String slug, @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
		try {
			this.allocations.writePackingNote(slug, note);
			redirect.addFlashAttribute("message", "allocation.note.saved");
		}
		catch (AllocationRefusedException ex) {
			redirect.addFlashAttribute("noteRefusal", ex.messageKey());
			redirect.addFlashAttribute("enteredNote", note);
		}
		return "redirect:/admin/drops/" + slug + "/fulfilment";
	}

}
