package io.microdrops.web;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.microdrops.account.Role;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Roles by the names people read ("Merchandiser, Ops"), not as stored ("MERCHANDISER"):
 * for the staff pages, the invitation page and its mail. Templates call it as
 * {@code @roleNames}.
 */
@Component("roleNames")
public class RoleNames {

	private static final Pattern STORED = Pattern.compile("\\b(FAN|MERCHANDISER|OPS|ADMIN)\\b");

	private final MessageSource messages;

	RoleNames(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * Names roles, in their order of rank.
	 * @param roles the roles
	 * @return their names, joined with commas
	 */
	public String of(Collection<Role> roles) {
		return roles.stream().sorted().map(this::name).collect(Collectors.joining(", "));
	}

	/**
	 * Names the roles in a text stored with their codes ("FAN,OPS → FAN,ADMIN").
	 * @param stored the text
	 * @return the text with role names
	 */
	public String inText(String stored) {
		return STORED.matcher(stored.replace(",", ", ")).replaceAll(role -> name(Role.valueOf(role.group())));
	}

	private String name(Role role) {
		return this.messages.getMessage("staff.role." + role.name(), null, role.name(), Locale.ENGLISH);
	}

}
