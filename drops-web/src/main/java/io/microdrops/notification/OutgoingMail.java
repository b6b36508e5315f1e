package io.microdrops.notification;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.microdrops.account.AccountId;

/**
 * A mail to queue: who gets it, which template renders it, and the values the template
 * shows. The template {@code name} is rendered from {@code templates/mail/<name>.html}
 * and {@code templates/mail/<name>.txt}; its subject is the message
 * {@code mail.<name>.subject}, formatted with {@code subjectArguments}.
 * <p>
 * Marketing mail (news, drop announcements) goes only to an account that gave consent,
 * and carries a one-click unsubscribe link; transactional mail (address confirmation,
 * orders) is always sent.
 *
 * @param to the recipient's address
 * @param account the recipient's account; required for marketing mail, may be
 * {@code null} for transactional mail to someone without an account
 * @param template the template's name, for example {@code confirm-email}
 * @param model the values the template shows
 * @param subjectArguments the values the subject message shows
 * @param marketing whether this is marketing mail
 */
public record OutgoingMail(String to, AccountId account, String template, Map<String, Object> model,
		List<Object> subjectArguments, boolean marketing) {

	/**
	 * Checks the mail is complete.
	 */
	public OutgoingMail {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(template, "template");
		if (!template.matches("[a-z0-9-]{1,60}")) {
			throw new IllegalArgumentException("Not a mail template name: " + template);
		}
		if (marketing && account == null) {
			throw new IllegalArgumentException("Marketing mail needs the recipient's account, to check consent");
		}
		model = Map.copyOf(model);
		subjectArguments = List.copyOf(subjectArguments);
	}

	/**
	 * A transactional mail: sent whatever the recipient's marketing consent.
	 * @param account the recipient's account, or {@code null}
	 * @param to the recipient's address
	 * @param template the template's name
	 * @param model the values the template shows
	 * @return the mail
	 */
	public static OutgoingMail transactional(AccountId account, String to, String template, Map<String, Object> model) {
		return new OutgoingMail(to, account, template, model, List.of(), false);
	}

	/**
	 * A marketing mail: only queued when the account gave consent; carries an unsubscribe
	 * link (the template shows it as {@code unsubscribeUrl}).
	 * @param account the recipient's account
	 * @param to the recipient's address
	 * @param template the template's name
	 * @param model the values the template shows
	 * @return the mail
	 */
	public static OutgoingMail marketing(AccountId account, String to, String template, Map<String, Object> model) {
		return new OutgoingMail(to, account, template, model, List.of(), true);
	}

	/**
	 * Returns this mail with values for its subject message.
	 * @param arguments the values, in the order of the message's placeholders
	 * @return a new mail
	 */
	public OutgoingMail withSubjectArguments(Object... arguments) {
		return new OutgoingMail(this.to, this.account, this.template, this.model, List.of(arguments), this.marketing);
	}

}
