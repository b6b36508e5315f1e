package io.microdrops.hooks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new hook as typed: the receiver's address and, optionally, a secret of the
 * merchandiser's own (otherwise one is made).
 */
record HookForm(@NotBlank(message = "{form.required}") @Size(max = 500, message = "{form.too-long}") String url,
		@Size(max = 100, message = "{form.too-long}") String secret) {

	static HookForm empty() {
		return new HookForm("", "");
	}

}
