package io.microdrops.hooks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetPolicyTests {

	private final TargetPolicy strict = new TargetPolicy(false);

	@Test
	void refusesSchemesOtherThanHttpAndHttps() {
		assertThat(this.strict.refusal("ftp://93.184.216.34/hook")).contains("hooks.url.scheme");
		assertThat(this.strict.refusal("file:///etc/passwd")).contains("hooks.url.scheme");
		assertThat(this.strict.refusal("gopher://93.184.216.34:70/")).contains("hooks.url.scheme");
		assertThat(this.strict.refusal("not a url")).isPresent();
		assertThat(this.strict.refusal("https://user:pw@93.184.216.34/")).contains("hooks.url.invalid");
	}

	@Test
	void refusesLoopbackPrivateLinkLocalAndUniqueLocalTargets() {
		for (String url : new String[] { "http://127.0.0.1:8080/", "http://localhost/hook", "http://10.1.2.3/",
				"http://172.16.0.5/", "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data/",
				"http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[fd00::1]/",
				"http://[::ffff:127.0.0.1]/" }) {
			assertThat(this.strict.refusal(url)).as(url).contains("hooks.url.private");
		}
	}

	@Test
	void acceptsPublicAddresses() {
		assertThat(this.strict.refusal("https://93.184.216.34/hooks/drops")).isEmpty();
		assertThat(this.strict.refusal("http://[2606:2800:220:1:248:1893:25c8:1946]/")).isEmpty();
	}

	@Test
	void acceptsPrivateTargetsOnlyWhenTheSettingAllowsThem() {
		assertThat(new TargetPolicy(true).refusal("http://127.0.0.1:9999/hook")).isEmpty();
		assertThat(new TargetPolicy(true).refusal("ftp://127.0.0.1/")).contains("hooks.url.scheme");
	}

}
