package io.microdrops.notification;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The outbox for admins: the newest mail with its state, and each mail's text and HTML. A
 * mail's HTML is served from a URL of its own under a policy that sandboxes it (no
 * scripts, no forms, no requests anywhere), never inline in an admin page.
 */
@Controller
class OutboxAdminController {

	static final String VIEW_LIST = "admin/outbox/list";

	static final String VIEW_SHOW = "admin/outbox/show";

	/** The policy for a mail's HTML: a sandbox that loads nothing but inline styles. */
	static final String MAIL_HTML_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
			+ "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

	private static final int SHOWN = 200;

	private final OutboxMails mails;

	private final ObjectProvider<JavaMailSender> mailSender;

	OutboxAdminController(OutboxMails mails, ObjectProvider<JavaMailSender> mailSender) {
		this.mails = mails;
		this.mailSender = mailSender;
	}

	@GetMapping("/admin/outbox")
	String list(@RequestParam(name = "status", required = false) String status, Model model) {
		MailStatus filter = Arrays.stream(MailStatus.values())
			.filter(candidate -> candidate.name().equals(status))
			.findFirst()
			.orElse(null);
		model.addAttribute("mails", this.mails.newest(filter, SHOWN));
		model.addAttribute("counts", this.mails.countByStatus());
		model.addAttribute("statuses", MailStatus.values());
		model.addAttribute("filter", filter);
		model.addAttribute("shown", SHOWN);
		model.addAttribute("smtpConfigured", this.mailSender.getIfAvailable() != null);
		return VIEW_LIST;
	}

	@GetMapping("/admin/outbox/{id}")
	String show(@PathVariable("id") UUID id, Model model) {
		model.addAttribute("mail", find(id));
		return VIEW_SHOW;
	}

	@GetMapping("/admin/outbox/{id}/html")
	ResponseEntity<String> html(@PathVariable("id") UUID id) {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", MAIL_HTML_POLICY)
			.body(find(id).htmlBody());
	}

	private StoredMail find(UUID id) {
		return this.mails.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
