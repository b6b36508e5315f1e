package io.microdrops;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(DropsApplication.class);

	@Test
	void modulesHaveNoCyclesAndReachNoOtherModulesInternals() {
		modules.verify();
	}

	@Test
	void findsTheModulesOfEveryMavenModule() {
		assertThat(modules.stream().map(module -> module.getIdentifier().toString())).contains("account", "shared",
				"fulfilment", "analytics", "storefront", "admin", "ops", "web", "platform", "demo");
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
