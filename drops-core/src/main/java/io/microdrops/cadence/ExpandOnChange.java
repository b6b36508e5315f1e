package io.microdrops.cadence;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Creates a cadence's drafts right after it is created, changed or resumed, rather than
 * at the job's next run. Runs after the change commits, so the drafts follow what was
 * stored; the job catches up if this node stops in between.
 */
@Component
class ExpandOnChange {

	private final CadenceManagement cadences;

	ExpandOnChange(CadenceManagement cadences) {
		this.cadences = cadences;
	}

	@TransactionalEventListener
	void on(CadenceChanged event) {
		if (event.active()) {
			this.cadences.expand(event.slug());
		}
	}

}
