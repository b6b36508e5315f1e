package io.microdrops.notification;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders mail from {@code templates/mail/<name>.html} (HTML mode) and
 * {@code templates/mail/<name>.txt} (TEXT mode), with texts and the subject from the
 * application's messages. An engine of its own, so the pages' engine and its view
 * resolver stay as Spring Boot configures them.
 */
@Component
class MailTemplates {

	private final SpringTemplateEngine engine;

	private final MessageSource messages;

	MailTemplates(MessageSource messages) {
		this.messages = messages;
		this.engine = new SpringTemplateEngine();
		this.engine.setTemplateEngineMessageSource(messages);
		this.engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
		this.engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
	}

	/**
	 * Renders a mail.
	 * @param name the template's name
	 * @param model the values the template shows
	 * @param subjectArguments the values the subject shows
	 * @param locale the recipient's language
	 * @return subject, text and HTML
	 */
	RenderedMail render(String name, Map<String, Object> model, List<Object> subjectArguments, Locale locale) {
		Context context = new Context(locale, model);
		String subject = this.messages.getMessage("mail." + name + ".subject", subjectArguments.toArray(), locale);
		return new RenderedMail(subject, this.engine.process(name + ".txt", context).strip() + "\n",
				this.engine.process(name + ".html", context));
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/mail/");
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setCacheable(true);
		resolver.setOrder(order);
		return resolver;
	}

	/**
	 * A rendered mail.
	 *
	 * @param subject the subject line
	 * @param text the plain-text part
	 * @param html the HTML part
	 */
	record RenderedMail(String subject, String text, String html) {
	}

}
