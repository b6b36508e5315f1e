package io.microdrops.storefront;

import java.time.Clock;
import java.util.List;

import io.microdrops.drop.DropView;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.preorder.PreorderProgress;
import io.microdrops.web.SignedInUser;

import org.springframework.stereotype.Component;

/**
 * Builds the drop page's pre-order panel, so the drop page asks one thing.
 */
@Component
class PreorderPanels {

	private final PreorderManagement preorders;

	private final Clock clock;

	PreorderPanels(PreorderManagement preorders, Clock clock) {
		this.preorders = preorders;
		this.clock = clock;
	}

	/**
	 * Returns the panel of a drop.
	 * @param view the drop as it is now
	 * @param user the signed-in fan, or {@code null}
	 * @return the panel, or {@code null} for a drop without pre-orders
	 */
	PreorderPanel of(DropView view, SignedInUser user) {
		PreorderProgress progress = this.preorders.progress(view.drop()).orElse(null);
		if (progress == null) {
			return null;
		}
		return new PreorderPanel(progress, DropPage.format(progress.deadline(), view.timeZone()),
				view.timeZone().getId(),
				(user != null) ? this.preorders.preordersOf(user.accountId(), view.drop().slug()) : List.of(),
				progress.stage() == PreorderProgress.Stage.COLLECTING
						&& this.clock.instant().isBefore(progress.deadline()));
	}

}
