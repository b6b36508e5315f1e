package io.microdrops.demo;

import io.microdrops.community.CommunityManagement;
import io.microdrops.recognition.BadgeKind;
import io.microdrops.recognition.Recognition;
import io.microdrops.recognition.Recognition.RuleDraft;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode's recognition: every community without badges gets four, one of each kind, so
 * the demo fan's collection shows what collectors earn.
 */
@Component
@Order(30)
@ConditionalOnBooleanProperty("drops.demo.enabled")
class DemoRecognition implements ApplicationRunner {

	private final CommunityManagement communities;

	private final Recognition recognition;

	DemoRecognition(CommunityManagement communities, Recognition recognition) {
		this.communities = communities;
		this.recognition = recognition;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.communities.overview().forEach(community -> {
			if (!this.recognition.rules(community.id()).isEmpty()) {
				return;
			}
			this.recognition.add(community.id(), new RuleDraft(BadgeKind.FIRST_DROP, "First drop",
					"Collected a first drop with us.", null, null, null));
			this.recognition.add(community.id(), new RuleDraft(BadgeKind.N_DROPS, "Three-drop collector",
					"Collected three different drops.", 3, null, null));
			this.recognition.add(community.id(), new RuleDraft(BadgeKind.FOUNDING_MEMBER, "Founding member",
					"Collected one of the community's first three drops.", 3, null, null));
			this.recognition.add(community.id(), new RuleDraft(BadgeKind.NEVER_MISSED_CADENCE, "Never missed",
					"Collected every drop since their first, at least four in a row.", 4, null, null));
		});
	}

}
